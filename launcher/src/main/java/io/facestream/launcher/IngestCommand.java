package io.facestream.launcher;

import io.facestream.ingest.IngestConfig;
import io.facestream.ingest.IngestService;
import io.facestream.ingest.IngestOpsServer;
import io.facestream.schemas.OpsServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code face-stream ingest}: one ingest instance against a Kafka cluster, configured by the environment. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Runs an ingest instance: publishes the cameras of its camera file to the cameras topic, "
                + "shares all cameras with the other instances of its group, and sends sampled JPEG frames of its "
                + "cameras to the frames topic.",
                "",
                "Camera file (YAML): a list of entries with id and url (required), fps [5], maxWidth, maxHeight, "
                        + "jpegQuality [85], loop [false], stallTimeoutMillis [10000], transport (RTSP: auto, tcp "
                        + "or udp) [auto], enabled [true], and alerts: "
                        + "the sink's door-alert rules for the camera (minScore, minFaceSize, presentFrames, "
                        + "windowFrames, goneAfterMillis, cameraDown, perPerson, zones: [{name, polygon: [{x, y}, ...]}]; "
                        + "see the README, Door alerts), and detection: the detector workers' settings for the "
                        + "camera (minFaceSize [20], region: [{x, y}, ...] [whole picture], fullScanIntervalMillis "
                        + "[2000], motionThreshold [18], tracking [WORKER_TRACKING]; see the README, Detection "
                        + "settings per camera)."})
final class IngestCommand implements Callable<Integer> {

    @Option(names = "--cameras-file", paramLabel = "FILE", description = "YAML camera list (overrides INGEST_CAMERAS_FILE).")
    Path camerasFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        IngestConfig config;
        try {
            config = IngestConfig.fromEnvironment();
        } catch (IllegalArgumentException e) {
            return BadSetting.report(spec, e);
        }
        if (camerasFile != null) {
            config = config.withCamerasFile(camerasFile);
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        IngestService ingest = new IngestService(config, List.of(), registry);
        // The ingest loop runs on this thread until a signal closes the service.
        try (StopSignal stop = StopSignal.install("ingest", ingest::close);
             OpsServer ops = config.httpPort() > 0 ? IngestOpsServer.start(config.httpPort(), ingest, registry)
                     : null) {
            ingest.run();
        }
        return 0;
    }
}
