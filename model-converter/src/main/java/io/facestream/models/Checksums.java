package io.facestream.models;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests, for pinning every file taken from a package registry. */
public final class Checksums {
    private Checksums() {
    }

    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest digest = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Throws, naming the file and both digests, unless {@code file} has the expected SHA-256. */
    public static void requireSha256(Path file, String expected) throws IOException {
        String actual = sha256(file);
        if (!actual.equalsIgnoreCase(expected)) {
            throw new IOException(file + ": SHA-256 is " + actual + ", expected " + expected
                    + " (delete the file to fetch it again)");
        }
    }

    /** Throws, naming {@code what} (the file's origin) and both digests, unless {@code bytes} have the expected SHA-256. */
    public static void requireSha256(byte[] bytes, String expected, String what) throws IOException {
        String actual = sha256(bytes);
        if (!actual.equalsIgnoreCase(expected)) {
            throw new IOException(what + ": SHA-256 is " + actual + ", expected " + expected);
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
