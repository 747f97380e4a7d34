package io.facestream.cascade;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where ONNX Runtime runs the networks. */
public enum ExecutionProvider {
    /** CUDA when the GPU build of ONNX Runtime and a GPU are present, else CPU. */
    AUTO,
    CPU,
    /** CUDA, falling back to CPU (with a warning) where it cannot start. */
    CUDA;

    private static final Logger log = LoggerFactory.getLogger(ExecutionProvider.class);

    /**
     * Adds CUDA to {@code session} where this asks for it and it can start; the provider that will run the session's
     * networks: "cpu" or "cuda".
     */
    public String addTo(OrtSession.SessionOptions session) {
        if (this == CPU) {
            return "cpu";
        }
        if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
            if (this == CUDA) {
                log.warn("CUDA requested, but this ONNX Runtime build has no CUDA provider "
                        + "(build with -Pcuda); running on CPU");
            }
            return "cpu";
        }
        try {
            session.addCUDA(0);
            return "cuda";
        } catch (OrtException | RuntimeException | LinkageError e) {
            log.warn("CUDA provider could not start ({}); running on CPU", e.getMessage());
            return "cpu";
        }
    }
}
