package io.facestream.blazeface;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.facestream.cascade.ExecutionProvider;
import io.facestream.cascade.RgbImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One BlazeFace model as an ONNX Runtime session: squares of images in, their decoded anchors out. Thread-safe. */
final class BlazeFaceNet implements AutoCloseable {
    private static final String MODEL_DIR = "/io/facestream/blazeface/models/";

    private final BlazeFaceModel model;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final String provider;
    private final Decoder decoder;

    private BlazeFaceNet(BlazeFaceModel model, OrtEnvironment env, OrtSession session, String provider) {
        this.model = model;
        this.env = env;
        this.session = session;
        this.provider = provider;
        this.decoder = new Decoder(model);
    }

    /** {@code model} where {@code provider} says, each run on the CPU on up to {@code threads} threads. */
    static BlazeFaceNet load(BlazeFaceModel model, int threads, ExecutionProvider provider) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            String running = provider.addTo(options);
            return new BlazeFaceNet(model, env, env.createSession(bytes(model.file()), options), running);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not load " + model.file() + ": " + e.getMessage(), e);
        }
    }

    BlazeFaceModel model() {
        return model;
    }

    /** "cpu" or "cuda". */
    String provider() {
        return provider;
    }

    /** The anchors scoring at least the model's minimum in each square of its image, in image pixels; one run. */
    List<List<Detection>> run(List<RgbImage> images, List<Square> squares) {
        int side = model.inputSide();
        int perSquare = 3 * side * side;
        FloatBuffer input = ByteBuffer.allocateDirect(Float.BYTES * perSquare * squares.size())
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
        for (int n = 0; n < squares.size(); n++) {
            squares.get(n).writeInput(images.get(n), side, input, n * perSquare);
        }
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, input, new long[] {squares.size(), 3, side, side});
             OrtSession.Result result = session.run(Map.of("image", tensor))) {
            float[] regressors = floats(result, "regressors");
            float[] logits = floats(result, "classificators");
            List<List<Detection>> found = new ArrayList<>();
            for (int n = 0; n < squares.size(); n++) {
                found.add(decoder.decode(regressors, logits, n, squares.get(n), model.minScore()));
            }
            return found;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on " + squares.size() + " squares of " + model.file()
                    + ": " + e.getMessage(), e);
        }
    }

    private static float[] floats(OrtSession.Result result, String name) {
        FloatBuffer buffer = ((OnnxTensor) result.get(name).orElseThrow(
                () -> new IllegalStateException("model has no output '" + name + "'"))).getFloatBuffer();
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
    }

    private static byte[] bytes(String file) {
        String path = MODEL_DIR + file;
        try (InputStream in = BlazeFaceNet.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("model " + path + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model " + path, e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing the " + model.file() + " session failed: " + e.getMessage(), e);
        }
    }
}
