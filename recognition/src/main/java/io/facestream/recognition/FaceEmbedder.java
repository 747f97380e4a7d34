package io.facestream.recognition;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.facestream.cascade.Face;
import io.facestream.cascade.RgbImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

/**
 * MobileFaceNet's embeddings of faces aligned by {@link FaceAligner}: 192 values each, scaled to length 1, so that
 * the cosine similarity of two faces is the dot product of their embeddings. Thread-safe.
 */
public final class FaceEmbedder implements AutoCloseable {
    public static final int DIMENSIONS = 192;
    private static final String MODEL = "/io/facestream/recognition/models/mobilefacenet.onnx";
    private static final int SIDE = FaceAligner.ALIGNED_SIZE;

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;

    private FaceEmbedder(OrtSession session) {
        this.session = session;
    }

    /** The model on the CPU, each run on {@code threads} threads. */
    public static FaceEmbedder create(int threads) {
        try (InputStream model = FaceEmbedder.class.getResourceAsStream(MODEL);
             OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            if (model == null) {
                throw new IllegalStateException("model " + MODEL + " is missing from the class path");
            }
            options.setIntraOpNumThreads(threads);
            // Idle threads must not spin: in a worker they would take the cores from the cascade's own threads.
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return new FaceEmbedder(OrtEnvironment.getEnvironment().createSession(model.readAllBytes(), options));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model " + MODEL, e);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not load MobileFaceNet: " + e.getMessage(), e);
        }
    }

    /** The embedding of each of {@code faces} found in {@code image}, aligned on its landmarks, in one run. */
    public float[][] embed(RgbImage image, List<Face> faces) {
        BufferedImage picture = image.toBufferedImage();
        return embed(faces.stream().map(face -> FaceAligner.aligned(picture, face.landmarks())).toList());
    }

    /** The embedding of each 112x112 aligned face, in order, in one run. */
    public float[][] embed(List<BufferedImage> alignedFaces) {
        if (alignedFaces.isEmpty()) {
            return new float[0][];
        }
        int perFace = 3 * SIDE * SIDE;
        FloatBuffer input = FloatBuffer.allocate(alignedFaces.size() * perFace);
        for (int i = 0; i < alignedFaces.size(); i++) {
            writeFace(alignedFaces.get(i), input, i * perFace);
        }
        long[] shape = {alignedFaces.size(), 3, SIDE, SIDE};
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, input, shape);
             OrtSession.Result result = session.run(Map.of("image", tensor))) {
            float[][] embeddings = (float[][]) result.get("embeddings").orElseThrow().getValue();
            for (float[] embedding : embeddings) {
                normalise(embedding);
            }
            return embeddings;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on " + alignedFaces.size() + " faces: "
                    + e.getMessage(), e);
        }
    }

    /** The cosine similarity of two embeddings of this class: from -1 to 1, higher for the same person. */
    public static float similarity(float[] a, float[] b) {
        float dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }

    /** The face as MobileFaceNet reads it: RGB planes, {@code (v - 127.5) / 128}. */
    private static void writeFace(BufferedImage face, FloatBuffer dst, int offset) {
        if (face.getWidth() != SIDE || face.getHeight() != SIDE) {
            throw new IllegalArgumentException("an aligned face is " + SIDE + "x" + SIDE + ", got "
                    + face.getWidth() + "x" + face.getHeight());
        }
        int plane = SIDE * SIDE;
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int rgb = face.getRGB(x, y);
                int at = offset + y * SIDE + x;
                dst.put(at, (((rgb >> 16) & 0xff) - 127.5f) / 128f);
                dst.put(at + plane, (((rgb >> 8) & 0xff) - 127.5f) / 128f);
                dst.put(at + 2 * plane, ((rgb & 0xff) - 127.5f) / 128f);
            }
        }
    }

    private static void normalise(float[] embedding) {
        double sum = 0;
        for (float value : embedding) {
            sum += value * value;
        }
        float scale = (float) (1 / Math.sqrt(sum));
        for (int i = 0; i < embedding.length; i++) {
            embedding[i] *= scale;
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing MobileFaceNet failed: " + e.getMessage(), e);
        }
    }
}
