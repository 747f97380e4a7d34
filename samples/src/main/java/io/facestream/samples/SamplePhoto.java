package io.facestream.samples;

import io.facestream.models.NpmPackage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The real photos the tests run on, each taken from a package by name and pinned by checksum, and
 * kept as a file in the cache so that commands under test can be given its path.
 */
public enum SamplePhoto {
    SAMPLE1("sample1.jpg"), SAMPLE2("sample2.jpg"), SAMPLE3("sample3.jpg"),
    SAMPLE4("sample4.jpg"), SAMPLE5("sample5.jpg"), SAMPLE6("sample6.jpg"),
    ASTRONAUT("astronaut.png", "88431cd9653ccd539741b555fb0a46b61558b301d4110412b5bc28b5e3ea6cb5"),
    COFFEE("coffee.png", "cc02f8ca188b167c775a7101b5d767d1e71792cf762c33d6fa15a4599b5a8de7"),
    MULTIFACE("multiface.jpg");

    /** Six demo photos of people; the tarball's checksum pins them. */
    static final NpmPackage FACE_API = new NpmPackage("@vladmandic/face-api", "1.7.15",
            "0d77fffeef362ef9c0939cf6c567f3a2e8e177f114fa257a3270cbd2e509b031");
    /** scikit-image's sample data: an astronaut's portrait and a cup of coffee (no face). */
    static final DebianPackage SKIMAGE = new DebianPackage("python3-skimage", "0.19.3-8");
    private static final String SKIMAGE_DATA = "usr/lib/python3/dist-packages/skimage/data/";

    private final String fileName;
    private final String sha256;

    SamplePhoto(String fileName) {
        this(fileName, null);
    }

    SamplePhoto(String fileName, String sha256) {
        this.fileName = fileName;
        this.sha256 = sha256;
    }

    public String fileName() {
        return fileName;
    }

    /** The photo as a file, fetched from its package on first use. */
    public Path path() {
        return CachedSample.path("photos", fileName, sha256, this::bytes);
    }

    private byte[] bytes(Path cache) throws IOException {
        if (this == MULTIFACE) {
            return Golden.resource(fileName);
        }
        if (sha256 != null) {
            return SKIMAGE.readFile(cache.resolve("deb"), SKIMAGE_DATA + fileName);
        }
        return FACE_API.readEntry(cache, "package/demo/" + fileName);
    }

    /** The reference MTCNN's figures for this photo, where the golden set has them. */
    public Optional<Golden> golden() {
        return Golden.forPhoto(fileName);
    }
}
