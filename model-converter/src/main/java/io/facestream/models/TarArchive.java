package io.facestream.models;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Reads one file out of a (ustar) tar stream, as npm tarballs and Debian data archives are. */
public final class TarArchive {
    private static final int BLOCK = 512;

    private TarArchive() {
    }

    /** The bytes of the regular file at {@code path} (a leading "./" ignored), if the archive holds it. */
    public static Optional<byte[]> readEntry(InputStream tar, String path) throws IOException {
        String wanted = stripDotSlash(path);
        byte[] header = new byte[BLOCK];
        while (tar.readNBytes(header, 0, BLOCK) == BLOCK && header[0] != 0) {
            String name = stripDotSlash(ustarName(header));
            long size = Long.parseLong(field(header, 124, 12).trim(), 8);
            char type = (char) header[156];
            boolean regularFile = type == '0' || type == 0;
            if (regularFile && name.equals(wanted)) {
                return Optional.of(tar.readNBytes(Math.toIntExact(size)));
            }
            long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
            tar.skipNBytes(padded);
        }
        return Optional.empty();
    }

    private static String ustarName(byte[] header) {
        String name = field(header, 0, 100);
        String prefix = "ustar".equals(field(header, 257, 5)) ? field(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }

    private static String stripDotSlash(String path) {
        return path.startsWith("./") ? path.substring(2) : path;
    }
}
