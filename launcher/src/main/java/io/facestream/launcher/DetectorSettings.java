package io.facestream.launcher;

import io.facestream.blazeface.DetectorModel;
import io.facestream.cascade.DetectorOptions;
import io.facestream.cascade.ExecutionProvider;
import io.facestream.cascade.FaceDetector;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The detector's settings as command-line options, shared by every command that detects. */
final class DetectorSettings {
    private static final DetectorOptions DEFAULTS = DetectorOptions.defaults();

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "mtcnn|blazeface|blazeface+onet",
            description = "Which detector: mtcnn (the MTCNN cascade; the default), blazeface (MediaPipe's BlazeFace "
                    + "alone: its box and six keypoints) or blazeface+onet (BlazeFace's boxes through MTCNN's O-Net: "
                    + "MTCNN's score and five landmarks).")
    String model = DetectorModel.MTCNN.label();

    @Option(names = "--min-face-size", paramLabel = "PIXELS",
            description = "Smallest face side looked for (default: ${DEFAULT-VALUE}).")
    int minFaceSize = DEFAULTS.minFaceSize();

    @Option(names = "--factor", paramLabel = "RATIO",
            description = "Ratio between pyramid scales (default: ${DEFAULT-VALUE}).")
    float pyramidFactor = DEFAULTS.pyramidFactor();

    @Option(names = "--thresholds", split = ",", paramLabel = "P,R,O",
            description = "Minimum P-Net, R-Net and O-Net scores (default: 0.6,0.7,0.7).")
    List<Float> thresholds = List.of(DEFAULTS.pnetThreshold(), DEFAULTS.rnetThreshold(), DEFAULTS.onetThreshold());

    @Option(names = "--nms", split = ",", paramLabel = "PLEVEL,P,R,O",
            description = "NMS thresholds: P-Net per level and overall, R-Net (IoU), O-Net (overlap of the "
                    + "smaller box) (default: 0.5,0.7,0.7,0.7).")
    List<Float> nms = List.of(DEFAULTS.pnetLevelNms(), DEFAULTS.pnetNms(), DEFAULTS.rnetNms(), DEFAULTS.onetNms());

    @Option(names = "--max-input-side", paramLabel = "PIXELS",
            description = "Larger frames are detected as if downscaled to this longer side; 0: never "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxInputSide = DEFAULTS.maxInputSide();

    @Option(names = "--threads", paramLabel = "N",
            description = "CPU threads the cascade runs on (default: the number of cores, ${DEFAULT-VALUE}).")
    int threads = DEFAULTS.threads();

    @Option(names = "--provider", paramLabel = "auto|cpu|cuda",
            description = "Where the networks run; auto picks CUDA when present (default: ${DEFAULT-VALUE}).")
    ExecutionProvider provider = DEFAULTS.provider();

    /** The detector chosen with --model. */
    DetectorModel model() {
        try {
            return DetectorModel.of(model);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--model: " + e.getMessage());
        }
    }

    /** The detector chosen with --model and the other options. */
    FaceDetector createFaceDetector() {
        return model().createFaceDetector(toOptions());
    }

    DetectorOptions toOptions() {
        requireCount("--thresholds", thresholds, 3);
        requireCount("--nms", nms, 4);
        try {
            return DetectorOptions.builder()
                    .minFaceSize(minFaceSize).pyramidFactor(pyramidFactor)
                    .thresholds(thresholds.get(0), thresholds.get(1), thresholds.get(2))
                    .nms(nms.get(0), nms.get(1), nms.get(2), nms.get(3))
                    .maxInputSide(maxInputSide).threads(threads).provider(provider)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private void requireCount(String option, List<Float> values, int count) {
        if (values.size() != count) {
            throw new ParameterException(spec.commandLine(),
                    option + " takes " + count + " comma-separated values, got " + values.size());
        }
    }
}
