package io.facestream.models;

/** One axis of a declared ONNX tensor shape: a fixed size, or a named size left to the caller. */
record Dimension(long size, String name) {

    static Dimension of(long size) {
        return new Dimension(size, null);
    }

    static Dimension named(String name) {
        return new Dimension(-1, name);
    }

    boolean isNamed() {
        return name != null;
    }
}
