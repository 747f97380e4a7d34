package io.facestream.launcher;

import io.facestream.blazeface.DetectorModel;
import io.facestream.broker.EmbeddedKafkaBroker;
import io.facestream.ingest.Camera;
import io.facestream.ingest.DemoVideo;
import io.facestream.ingest.IngestConfig;
import io.facestream.ingest.IngestService;
import io.facestream.schemas.KafkaSettings;
import io.facestream.schemas.Topics;
import io.facestream.sink.SinkConfig;
import io.facestream.sink.SinkService;
import io.facestream.worker.WorkerConfig;
import io.facestream.worker.WorkerService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code face-stream local}: the whole pipeline on one machine, with an embedded Kafka broker. */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = {"Runs the whole pipeline on this machine: an embedded Kafka broker, ingest (a demo camera "
                + "made from sample photos, or --camera), detector workers, the sink (events stored in an embedded "
                + "database; dashboard and REST API at http://localhost:8080/, port SINK_HTTP_PORT) and a console view of "
                + "the face events.",
                "Other programs can read the topics at the broker's address (printed at start)."})
final class LocalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Kafka's data and the demo video (default: ${DEFAULT-VALUE}).")
    Path dataDir = Path.of("data");

    @Option(names = "--camera", paramLabel = "URL", description = "A camera to ingest instead of the demo camera "
            + "(rtsp://, http://, a file, /dev/videoN); repeatable.")
    List<String> cameraUrls = new ArrayList<>();

    @Option(names = "--fps", paramLabel = "FPS", description = "Frames per second sampled per camera (default: ${DEFAULT-VALUE}).")
    double fps = Camera.DEFAULT_FPS;

    @Option(names = "--workers", paramLabel = "N", description = "Detector workers (default: ${DEFAULT-VALUE}).")
    int workers = 1;

    @Option(names = "--kafka-port", paramLabel = "PORT", description = "The broker's port; 0 picks a free one "
            + "(default: ${DEFAULT-VALUE}).")
    int kafkaPort = 9092;

    @Option(names = "--seconds", paramLabel = "S", description = "Stop after this long (default: run until Ctrl-C).")
    Double seconds;

    @Option(names = "--model", paramLabel = "mtcnn|blazeface+onet|blazeface", description = "The workers' detector: "
            + "mtcnn, blazeface+onet (BlazeFace scans the frame, O-Net gives score and five landmarks; faster where "
            + "faces are large) or blazeface (BlazeFace alone, six keypoints; faster still); a camera's "
            + "detection.model overrides it (default: DETECTOR_MODEL, else mtcnn).")
    String model;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        WorkerConfig workerConfig = workerConfig();
        List<Camera> cameras = cameras();
        try (StopSignal stop = StopSignal.install("local");
             LocalPipeline pipeline = LocalPipeline.start(dataDir, kafkaPort, cameras, workerConfig,
                     workers, SinkConfig.fromEnvironment().httpPort())) {
            out.printf("face-stream local: Kafka at %s (topics %s, %s); %d camera(s); %d worker(s) (%s); "
                    + "dashboard at http://localhost:%d/ (API: /api/openapi.yaml). Ctrl-C stops.%n",
                    pipeline.bootstrapServers(), Topics.FRAMES, Topics.FACES, cameras.size(), workers,
                    workerConfig.model(), pipeline.sink().httpPort());
            out.flush();
            try (FaceEventConsole console = FaceEventConsole.start(KafkaSettings.of(pipeline.bootstrapServers()),
                    out)) {
                if (seconds == null) {
                    stop.await();
                } else {
                    stop.await(Duration.ofMillis((long) (seconds * 1000)));
                }
            }
        }
        return 0;
    }

    /** The workers' settings from the environment, with --model's detector where given. */
    private WorkerConfig workerConfig() {
        WorkerConfig config = WorkerConfig.fromEnvironment();
        if (model == null) {
            return config;
        }
        try {
            return config.withModel(DetectorModel.of(model));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--model: " + e.getMessage());
        }
    }

    private List<Camera> cameras() {
        if (cameraUrls.isEmpty()) {
            Path video = DemoVideo.ensure(dataDir);
            return List.of(Camera.of("demo", video.toString()).withLoop(true).withFps(fps));
        }
        List<Camera> cameras = new ArrayList<>();
        for (int i = 0; i < cameraUrls.size(); i++) {
            cameras.add(Camera.of("camera-" + (i + 1), cameraUrls.get(i)).withFps(fps));
        }
        return cameras;
    }

    /** The broker, ingest and workers, started in data-path order and stopped in reverse. */
    record LocalPipeline(EmbeddedKafkaBroker broker, SinkService sink, IngestService ingest, Thread ingestThread,
                         WorkerService workers) implements AutoCloseable {

        static LocalPipeline start(Path dataDir, int kafkaPort, List<Camera> cameras, WorkerConfig workerConfig,
                                   int workerCount, int sinkPort) {
            makePrivate(dataDir);
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), kafkaPort);
            broker.createTopics(Topics.specs());
            KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers());
            SinkService sink = new SinkService(localSink(dataDir, kafka, sinkPort));
            sink.start();
            // The local run's endpoints are for this machine: the worker's health and metrics too.
            WorkerService workers = WorkerService.start(workerConfig, kafka, workerCount, InetAddress.getLoopbackAddress());
            IngestService ingest = new IngestService(IngestConfig.forCluster(broker.bootstrapServers()), cameras,
                    new SimpleMeterRegistry());
            Thread ingestThread = new Thread(ingest::run, "ingest");
            ingestThread.start();
            return new LocalPipeline(broker, sink, ingest, ingestThread, workers);
        }

        /**
         * Makes the data folder this user's alone (0700, where the file system has POSIX permissions): the broker's
         * files in it hold the cameras topic, camera passwords included, and are readable by all (0644).
         */
        private static void makePrivate(Path dataDir) {
            try {
                Files.createDirectories(dataDir);
                Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException e) {
                // No POSIX permissions (Windows): the folder keeps those of its parent, the user's profile.
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make the data folder " + dataDir + " private", e);
            }
        }

        /** The sink's settings from the environment, with its data in the local data folder and the local broker. */
        private static SinkConfig localSink(Path dataDir, KafkaSettings kafka, int port) {
            return SinkConfig.fromEnvironment().forLocalRun(dataDir.resolve("sink"), port, kafka);
        }

        String bootstrapServers() {
            return broker.bootstrapServers();
        }

        @Override
        public void close() {
            ingest.close();
            workers.close();
            sink.close();
            broker.close();
        }
    }
}
