package io.facestream.cascade;

/** A rectangle of whole pixels inside an image, the part of it a pyramid covers. */
record Region(int x, int y, int width, int height) {

    static Region whole(IntegralImage frame) {
        return new Region(0, 0, frame.width(), frame.height());
    }

    /** The pixels {@code box} touches, clipped to the image; empty (zero size) when it lies outside. */
    static Region covering(Box box, IntegralImage frame) {
        int left = Math.max(0, (int) Math.floor(box.x1()));
        int top = Math.max(0, (int) Math.floor(box.y1()));
        int right = Math.min(frame.width(), (int) Math.ceil(box.x2()));
        int bottom = Math.min(frame.height(), (int) Math.ceil(box.y2()));
        return new Region(left, top, Math.max(0, right - left), Math.max(0, bottom - top));
    }
}
