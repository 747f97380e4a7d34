package io.facestream.launcher;

import io.facestream.ingest.IngestConfig;
import io.facestream.ingest.IngestService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code face-stream ingest}: one ingest instance against a Kafka cluster, configured by the environment. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Runs an ingest instance: publishes the cameras of its camera file to the cameras topic, "
                + "shares all cameras with the other instances of its group, and sends sampled JPEG frames of its "
                + "cameras to the frames topic.",
                "",
                "Camera file (YAML): a list of entries with id and url (required), fps [5], maxWidth, maxHeight, "
                        + "jpegQuality [85], loop [false], stallTimeoutMillis [10000], enabled [true].",
                "",
                "Environment (defaults in brackets): KAFKA_BOOTSTRAP_SERVERS [localhost:9092], KAFKA_CLIENT_*, "
                        + "INGEST_CAMERAS_FILE, INGEST_INSTANCE_ID [host-pid], INGEST_GROUP_ID [face-stream-ingest], "
                        + "INGEST_QUEUE_SIZE [4], INGEST_MAX_IN_FLIGHT [8], INGEST_STATUS_INTERVAL_MS [5000], "
                        + "INGEST_BACKOFF_INITIAL_MS [500], INGEST_BACKOFF_MAX_MS [30000]."})
final class IngestCommand implements Callable<Integer> {

    @Option(names = "--cameras-file", paramLabel = "FILE", description = "YAML camera list (overrides INGEST_CAMERAS_FILE).")
    Path camerasFile;

    @Override
    public Integer call() {
        IngestConfig config = IngestConfig.fromEnvironment();
        if (camerasFile != null) {
            config = config.withCamerasFile(camerasFile);
        }
        IngestService ingest = new IngestService(config, List.of(), new SimpleMeterRegistry());
        Runtime.getRuntime().addShutdownHook(new Thread(ingest::close, "ingest-shutdown"));
        ingest.run();
        return 0;
    }
}
