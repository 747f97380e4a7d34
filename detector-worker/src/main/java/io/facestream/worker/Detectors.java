package io.facestream.worker;

import io.facestream.blazeface.DetectorModel;
import io.facestream.cascade.DetectorOptions;
import io.facestream.cascade.FaceDetector;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The face detectors of a worker process: the one {@code DETECTOR_MODEL} names, loaded at start, and any other that a
 * camera's own settings ask for, loaded when its first frame comes. Thread-safe; the process's workers share it.
 */
final class Detectors implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Detectors.class);

    private final DetectorModel workerModel;
    private final DetectorOptions options;
    private final Map<DetectorModel, FaceDetector> loaded = new ConcurrentHashMap<>();

    /** {@code workers}: the detector of {@code workerModel}, made with {@code options}; closed with the others. */
    Detectors(DetectorModel workerModel, FaceDetector workers, DetectorOptions options) {
        this.workerModel = workerModel;
        this.options = options;
        loaded.put(workerModel, workers);
    }

    static Detectors load(DetectorModel workerModel, DetectorOptions options) {
        return new Detectors(workerModel, workerModel.createFaceDetector(options), options);
    }

    /** The model a camera without a model of its own gets. */
    DetectorModel workerModel() {
        return workerModel;
    }

    FaceDetector workers() {
        return loaded.get(workerModel);
    }

    /** The detector of {@code model}, loaded now if no camera asked for it before. */
    FaceDetector of(DetectorModel model) {
        return loaded.computeIfAbsent(model, m -> {
            log.info("loading the {} detector for the cameras that ask for it", m);
            return m.createFaceDetector(options);
        });
    }

    /** "cpu" or "cuda": where the worker's detector runs its networks. */
    String provider() {
        return workers().provider();
    }

    @Override
    public void close() {
        loaded.values().forEach(FaceDetector::close);
    }
}
