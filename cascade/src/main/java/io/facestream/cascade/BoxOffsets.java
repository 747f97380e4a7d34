package io.facestream.cascade;

/** A stage's box regression output: how far each side moves, as a fraction of the box's size. */
public record BoxOffsets(float dx1, float dy1, float dx2, float dy2) {
    public static final BoxOffsets NONE = new BoxOffsets(0, 0, 0, 0);
}
