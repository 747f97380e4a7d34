package io.facestream.cascade;

/** A position in input-image pixels (x to the right, y down). */
public record Point(float x, float y) {
}
