package io.facestream.cascade;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The three MTCNN networks as ONNX Runtime sessions, loaded from the converted models on the class
 * path. Sessions are thread-safe, so one {@code Networks} serves every thread of a detector.
 */
final class Networks implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Networks.class);
    static final String MODEL_DIR = "/io/facestream/cascade/models/";
    static final int RNET_SIDE = 24;
    static final int ONET_SIDE = 48;
    private static final ThreadLocal<ByteBuffer> INPUT = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(0));

    private final OrtEnvironment env;
    private final OrtSession pnet;
    private final OrtSession rnet;
    private final OrtSession onet;
    private final String provider;

    private Networks(OrtEnvironment env, OrtSession pnet, OrtSession rnet, OrtSession onet, String provider) {
        this.env = env;
        this.pnet = pnet;
        this.rnet = rnet;
        this.onet = onet;
        this.provider = provider;
    }

    static Networks load(DetectorOptions options) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        // Every run is single-threaded: on the CPU, the detector's own threads run pyramid levels, parts of
        // a frame's crops, or whole frames side by side (see CascadeThreads), which keeps both cores busy
        // without the barrier after every layer of a run split across threads.
        try (OrtSession.SessionOptions session = sessionOptions()) {
            String provider = options.provider().addTo(session);
            return new Networks(env, env.createSession(model("pnet"), session),
                    env.createSession(model("rnet"), session), env.createSession(model("onet"), session), provider);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not load the MTCNN models: " + e.getMessage(), e);
        }
    }

    private static OrtSession.SessionOptions sessionOptions() throws OrtException {
        OrtSession.SessionOptions session = new OrtSession.SessionOptions();
        session.setIntraOpNumThreads(1);
        session.setInterOpNumThreads(1);
        session.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        session.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        return session;
    }

    private static byte[] model(String name) {
        String path = MODEL_DIR + name + ".onnx";
        try (InputStream in = Networks.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("model " + path + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model " + path, e);
        }
    }

    /**
     * A native-order direct buffer of {@code floats}, which ONNX Runtime reads without copying. Each
     * thread reuses its own, valid until its next call: a fresh one per run (zeroed, new pages) took a
     * sixth of the detecting thread's time (measured with async-profiler). Callers write every float.
     */
    static FloatBuffer inputBuffer(int floats) {
        int bytes = Float.BYTES * floats;
        ByteBuffer buffer = INPUT.get();
        if (buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocateDirect(Math.max(bytes, buffer.capacity() + buffer.capacity() / 2))
                    .order(ByteOrder.nativeOrder());
            INPUT.set(buffer);
        }
        return buffer.clear().limit(bytes).asFloatBuffer();
    }

    /** "cpu" or "cuda". */
    String provider() {
        return provider;
    }

    NetworkOutput pnet(FloatBuffer images, int batch, int height, int width) {
        return run(pnet, images, new long[] {batch, 3, height, width});
    }

    NetworkOutput rnet(FloatBuffer crops, int batch) {
        return run(rnet, crops, new long[] {batch, 3, RNET_SIDE, RNET_SIDE});
    }

    NetworkOutput onet(FloatBuffer crops, int batch) {
        return run(onet, crops, new long[] {batch, 3, ONET_SIDE, ONET_SIDE});
    }

    private NetworkOutput run(OrtSession session, FloatBuffer input, long[] shape) {
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, input, shape);
             OrtSession.Result result = session.run(Map.of("image", tensor))) {
            OnnxTensor prob = output(result, "prob");
            long[] probShape = prob.getInfo().getShape();
            boolean maps = probShape.length == 4;
            return new NetworkOutput(floats(prob), floats(output(result, "regression")),
                    result.get("landmarks").map(v -> floats((OnnxTensor) v)).orElse(new float[0]),
                    maps ? (int) probShape[2] : 1, maps ? (int) probShape[3] : 1);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on input " + Arrays.toString(shape)
                    + ": " + e.getMessage(), e);
        }
    }

    private static OnnxTensor output(OrtSession.Result result, String name) {
        OnnxValue value = result.get(name).orElseThrow(
                () -> new IllegalStateException("model has no output '" + name + "'"));
        return (OnnxTensor) value;
    }

    /** The tensor's values; ONNX Runtime already copies them to a heap buffer of their own, which we keep. */
    private static float[] floats(OnnxTensor tensor) {
        FloatBuffer buffer = tensor.getFloatBuffer();
        if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.remaining() == buffer.array().length) {
            return buffer.array();
        }
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
    }

    @Override
    public void close() {
        for (OrtSession session : List.of(pnet, rnet, onet)) {
            try {
                session.close();
            } catch (OrtException e) {
                log.warn("closing an ONNX Runtime session failed: {}", e.getMessage());
            }
        }
    }
}
