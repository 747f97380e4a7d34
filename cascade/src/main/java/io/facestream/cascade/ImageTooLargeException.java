package io.facestream.cascade;

import java.io.IOException;

/** An image whose header declares more pixels than may be decoded; none of them was decoded. */
public final class ImageTooLargeException extends IOException {

    ImageTooLargeException(String source, int width, int height, long maxPixels) {
        super(source + ": declares " + width + " x " + height + " pixels, more than the " + maxPixels + " allowed");
    }
}
