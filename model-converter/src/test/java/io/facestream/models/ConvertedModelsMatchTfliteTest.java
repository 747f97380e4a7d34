package io.facestream.models;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The converted ONNX models, run by ONNX Runtime on the photo (NCHW, own orientation), give the
 * outputs of the reference TFLite interpreter run on the image as the original nets expect it
 * (NHWC; transposed for MTCNN, upright for MobileFaceNet): every output within 1e-4.
 */
class ConvertedModelsMatchTfliteTest {
    private static final double TOLERANCE = 1e-4;
    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();
    private static final Map<String, OrtSession> SESSIONS = new HashMap<>();

    @BeforeAll
    static void convertAndLoad() throws OrtException {
        for (TfliteNet net : MtcnnModels.NETS) {
            byte[] onnx = MtcnnModels.toOnnx(SourceModels.tflite(net), net);
            SESSIONS.put(net.name(), ENV.createSession(onnx, new OrtSession.SessionOptions()));
        }
        byte[] mobileFaceNet = MobileFaceNetModel.toOnnx(SourceModels.tflite(MobileFaceNetModel.NET));
        SESSIONS.put(MobileFaceNetModel.NET.name(), ENV.createSession(mobileFaceNet, new OrtSession.SessionOptions()));
        for (TfliteNet net : BlazeFaceModels.NETS) {
            byte[] onnx = BlazeFaceModels.toOnnx(SourceModels.tflite(net), net);
            SESSIONS.put(net.name(), ENV.createSession(onnx, new OrtSession.SessionOptions()));
        }
    }

    @AfterAll
    static void close() throws OrtException {
        for (OrtSession session : SESSIONS.values()) {
            session.close();
        }
    }

    @ParameterizedTest(name = "batch {0}, {1}x{2}")
    @CsvSource({"1, 12, 12", "1, 13, 17", "1, 31, 24", "1, 50, 61", "2, 25, 19"})
    void pnetOnThePhotoGivesTflitesMapsTransposedBack(int batch, int height, int width, TestReporter reporter)
            throws OrtException {
        reporter.publishEntry("pnet max abs difference", String.valueOf(maxDifference(MtcnnModels.PNET, batch, height, width)));
    }

    @Test
    void rnetOnThePhotoGivesTflitesOutputs(TestReporter reporter) throws OrtException {
        reporter.publishEntry("rnet max abs difference", String.valueOf(maxDifference(MtcnnModels.RNET, 3, 24, 24)));
    }

    @Test
    void onetOnThePhotoGivesTflitesOutputs(TestReporter reporter) throws OrtException {
        reporter.publishEntry("onet max abs difference", String.valueOf(maxDifference(MtcnnModels.ONET, 3, 48, 48)));
    }

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {1, 2, 3})
    void mobileFaceNetOnAnyBatchGivesTflitesEmbeddings(int batch, TestReporter reporter) throws OrtException {
        reporter.publishEntry("mobilefacenet max abs difference", String.valueOf(maxEmbeddingDifference(batch)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"blazeface-short", "blazeface-full"})
    void blazeFaceInABatchOfTwoGivesTflitesRowsPerAnchor(String name, TestReporter reporter) throws OrtException {
        TfliteNet net = BlazeFaceModels.NETS.stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
        int size = net.inputSize().getAsInt();
        int batch = 2;
        float[] photo = randomImage(new Random(size), batch, size, size);
        Map<String, OrtOutput> onnx = runOnnx(net, photo, batch, size, size);
        TfliteGraph graph = SourceModels.graph(net);
        double worst = 0;
        for (int n = 0; n < batch; n++) {
            Map<String, NdArray> tflite = TfliteInterpreter.run(graph, uprightNhwc(photo, n, 1, 1, size));
            for (TfliteNet.Output output : net.outputs()) {
                double difference = onnx.get(output.onnxName()).maxRowsDifference(n, tflite.get(output.tfliteName()))
                        / decodedUnit(output, size);
                assertThat(difference).as("%s %s, image %d", name, output.onnxName(), n).isLessThanOrEqualTo(TOLERANCE);
                worst = Math.max(worst, difference);
            }
        }
        reporter.publishEntry(name + " max abs difference", String.valueOf(worst));
    }

    /**
     * What one unit of an output is worth to its decoder: the regressors are offsets in input pixels, up to the
     * input side, which the decoder divides by that side (MediaPipe's x_scale and y_scale); compared raw, 1e-4 is
     * a few float32 steps of a value near 192. Scores and everything else: 1.
     */
    private static double decodedUnit(TfliteNet.Output output, int inputSide) {
        return output.onnxName().equals("regressors") ? inputSide : 1;
    }

    /**
     * Runs ONNX on a random batch and the reference on the same images two at a time (the TFLite
     * graph's RESHAPE pins its batch of 2; an odd image out gets a blank partner); returns the largest
     * difference, asserting each is within tolerance.
     */
    private static double maxEmbeddingDifference(int batch) throws OrtException {
        TfliteNet net = MobileFaceNetModel.NET;
        int size = net.inputSize().getAsInt();
        float[] photo = randomImage(new Random(112L + batch), batch, size, size);
        OrtOutput onnx = runOnnx(net, photo, batch, size, size).get("embeddings");
        assertThat(onnx.shape()).containsExactly(batch, 192);
        TfliteGraph graph = SourceModels.graph(net);
        double worst = 0;
        for (int first = 0; first < batch; first += 2) {
            int count = Math.min(2, batch - first);
            NdArray pair = uprightNhwc(photo, first, count, 2, size);
            NdArray reference = TfliteInterpreter.run(graph, pair).get("embeddings");
            for (int m = 0; m < count; m++) {
                double difference = onnx.maxRowDifference(first + m, reference, m);
                assertThat(difference).as("embedding of image %d of %d", first + m, batch)
                        .isLessThanOrEqualTo(TOLERANCE);
                worst = Math.max(worst, difference);
            }
        }
        return worst;
    }

    /** Runs both sides on a random image and returns the largest difference, asserting each is within tolerance. */
    private static double maxDifference(TfliteNet net, int batch, int height, int width) throws OrtException {
        float[] photo = randomImage(new Random(31L * height + width + 1000L * batch), batch, height, width);
        Map<String, OrtOutput> onnx = runOnnx(net, photo, batch, height, width);
        TfliteGraph graph = SourceModels.graph(net);
        double worst = 0;
        for (int n = 0; n < batch; n++) {
            Map<String, NdArray> tflite = TfliteInterpreter.run(graph, transposedNhwc(photo, n, height, width));
            for (TfliteNet.Output output : net.outputs()) {
                NdArray expected = tflite.get(output.tfliteName());
                double difference = onnx.get(output.onnxName()).maxDifferenceFrom(n, expected);
                assertThat(difference).as("%s %s, image %d of %d at %dx%d", net.name(), output.onnxName(), n, batch,
                        height, width).isLessThanOrEqualTo(TOLERANCE);
                worst = Math.max(worst, difference);
            }
        }
        return worst;
    }

    private static Map<String, OrtOutput> runOnnx(TfliteNet net, float[] photo, int batch, int height, int width)
            throws OrtException {
        long[] shape = {batch, 3, height, width};
        Map<String, OrtOutput> outputs = new HashMap<>();
        try (OnnxTensor input = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(photo), shape);
             OrtSession.Result result = SESSIONS.get(net.name()).run(Map.of("image", input))) {
            for (TfliteNet.Output output : net.outputs()) {
                OnnxTensor tensor = (OnnxTensor) result.get(output.onnxName()).orElseThrow();
                FloatBuffer values = tensor.getFloatBuffer();
                float[] data = new float[values.remaining()];
                values.get(data);
                outputs.put(output.onnxName(), new OrtOutput(tensor.getInfo().getShape(), data));
            }
        }
        return outputs;
    }

    /** An ONNX output, NCHW [n, c, h, w] or [n, k]. */
    private record OrtOutput(long[] shape, float[] data) {

        /** Compares vector {@code n} with vector {@code row} of TFLite's [rows, k]. */
        double maxRowDifference(int n, NdArray tflite, int row) {
            int k = tflite.dim(-1);
            double worst = 0;
            for (int i = 0; i < k; i++) {
                worst = Math.max(worst, Math.abs(data[n * k + i] - tflite.data()[row * k + i]));
            }
            return worst;
        }

        /** Compares image {@code n}'s [rows, k] with TFLite's [1, rows, k]. */
        double maxRowsDifference(int n, NdArray tflite) {
            assertThat(shape).containsExactly(shape[0], tflite.dim(1), tflite.dim(2));
            int block = tflite.data().length;
            double worst = 0;
            for (int i = 0; i < block; i++) {
                worst = Math.max(worst, Math.abs(data[n * block + i] - tflite.data()[i]));
            }
            return worst;
        }

        /** Compares image {@code n} with TFLite's [1, w, h, c] map (read back transposed) or [1, k] vector. */
        double maxDifferenceFrom(int n, NdArray tflite) {
            int channels = tflite.dim(-1);
            assertThat(shape[1]).isEqualTo(channels);
            if (tflite.rank() == 2) {
                assertThat(shape).hasSize(2);
                double worst = 0;
                for (int k = 0; k < channels; k++) {
                    worst = Math.max(worst, Math.abs(data[n * channels + k] - tflite.data()[k]));
                }
                return worst;
            }
            int h = tflite.dim(2);
            int w = tflite.dim(1);
            assertThat(shape).containsExactly(shape[0], channels, h, w);
            double worst = 0;
            for (int c = 0; c < channels; c++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        float onnx = data[((n * channels + c) * h + y) * w + x];
                        float reference = tflite.data()[(x * h + y) * channels + c];
                        worst = Math.max(worst, Math.abs(onnx - reference));
                    }
                }
            }
            return worst;
        }
    }

    /** Normalised pixel values, as (v - 127.5) / 128 gives them. */
    private static float[] randomImage(Random random, int batch, int height, int width) {
        float[] image = new float[batch * 3 * height * width];
        for (int i = 0; i < image.length; i++) {
            image[i] = (random.nextInt(256) - 127.5f) / 128f;
        }
        return image;
    }

    /** Images {@code first} to {@code first + count - 1} of an NCHW batch in a zeroed NHWC batch of {@code batch}. */
    private static NdArray uprightNhwc(float[] photo, int first, int count, int batch, int size) {
        NdArray nhwc = NdArray.zeros(batch, size, size, 3);
        for (int m = 0; m < count; m++) {
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        nhwc.data()[((m * size + y) * size + x) * 3 + c] = photo[(((first + m) * 3 + c) * size + y) * size + x];
                    }
                }
            }
        }
        return nhwc;
    }

    /** Image {@code n} of an NCHW batch as the TFLite nets take it: [1, width, height, 3], rows and columns swapped. */
    private static NdArray transposedNhwc(float[] photo, int n, int height, int width) {
        NdArray transposed = NdArray.zeros(1, width, height, 3);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    transposed.data()[(x * height + y) * 3 + c] = photo[((n * 3 + c) * height + y) * width + x];
                }
            }
        }
        return transposed;
    }
}
