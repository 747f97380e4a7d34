package io.facestream.samples;

import io.facestream.models.ExternalCommand;
import io.facestream.models.TarArchive;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A Debian package, fetched by name and version with {@code apt-get download} and read with dpkg-deb. */
public record DebianPackage(String name, String version) {

    /** One file of the package's file system tree, e.g. {@code usr/share/doc/x/copyright}. */
    public byte[] readFile(Path cacheDir, String path) throws IOException {
        Path deb = fetch(cacheDir);
        Process dpkg = new ProcessBuilder("dpkg-deb", "--fsys-tarfile", deb.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (InputStream tar = dpkg.getInputStream()) {
            return TarArchive.readEntry(tar, path).orElseThrow(() -> new IOException(
                    name + " " + version + " has no file " + path));
        } finally {
            dpkg.destroy();
        }
    }

    private Path fetch(Path cacheDir) throws IOException {
        Path existing = cached(cacheDir);
        if (existing != null) {
            return existing;
        }
        Files.createDirectories(cacheDir);
        try {
            ExternalCommand.run(cacheDir, "apt-get", "download", name + "=" + version);
        } catch (IOException e) {
            throw new IOException(e.getMessage() + "\n(run 'apt-get update' first on a fresh machine)", e);
        }
        Path fetched = cached(cacheDir);
        if (fetched == null) {
            throw new IOException("apt-get download " + name + "=" + version + " left no .deb in " + cacheDir);
        }
        return fetched;
    }

    private Path cached(Path cacheDir) throws IOException {
        if (!Files.isDirectory(cacheDir)) {
            return null;
        }
        String prefix = name + "_" + version.replace(":", "%3a") + "_";
        try (Stream<Path> files = Files.list(cacheDir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)
                    && f.getFileName().toString().endsWith(".deb")).findFirst().orElse(null);
        }
    }
}
