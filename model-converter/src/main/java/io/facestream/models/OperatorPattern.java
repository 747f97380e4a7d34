package io.facestream.models;

import java.util.Set;

/** Several TFLite operators that together are one ONNX node, written where the last of them ran. */
interface OperatorPattern {

    /** Indices of all the pattern's operators, {@link #anchor()} included. */
    Set<Integer> operators();

    /** The last operator: the one whose output is the pattern's output. */
    int anchor();

    void writeTo(TfliteToOnnx converter);
}
