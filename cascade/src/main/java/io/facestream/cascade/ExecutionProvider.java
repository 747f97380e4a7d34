package io.facestream.cascade;

/** Where ONNX Runtime runs the networks. */
public enum ExecutionProvider {
    /** CUDA when the GPU build of ONNX Runtime and a GPU are present, else CPU. */
    AUTO,
    CPU,
    /** CUDA, falling back to CPU (with a warning) where it cannot start. */
    CUDA
}
