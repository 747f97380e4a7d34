package io.facestream.launcher;

import io.facestream.schemas.KafkaSettings;
import io.facestream.worker.WorkerConfig;
import io.facestream.worker.WorkerService;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code face-stream worker}: a detector worker against a Kafka cluster, configured by the environment. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Runs detector workers: consumes the frames topic as a consumer group, detects faces in "
                + "batches and publishes one face event per frame (exactly once for read_committed readers).",
                "",
                "Environment (defaults in brackets): KAFKA_BOOTSTRAP_SERVERS [localhost:9092], KAFKA_CLIENT_* "
                        + "(client properties, e.g. KAFKA_CLIENT_SECURITY_PROTOCOL), WORKER_ID [host-pid], "
                        + "WORKER_GROUP_ID [face-stream-detectors], WORKER_MAX_BATCH [8], WORKER_MAX_BATCH_WAIT_MS [0], "
                        + "WORKER_MAX_FRAME_AGE_MS [10000; 0: never stale], WORKER_DECODE_THREADS [cores], "
                        + "WORKER_HTTP_PORT [8081; 0: none] (/health, /metrics), DETECTOR_MIN_FACE_SIZE [20], "
                        + "DETECTOR_MAX_INPUT_SIDE [1920], DETECTOR_THREADS [cores], DETECTOR_PROVIDER [auto|cpu|cuda]."})
final class WorkerCommand implements Callable<Integer> {

    @Option(names = "--workers", paramLabel = "N", description = "Workers in this process, sharing one detector "
            + "(default: ${DEFAULT-VALUE}).")
    int workers = 1;

    @Override
    public Integer call() throws InterruptedException {
        WorkerService service = WorkerService.start(WorkerConfig.fromEnvironment(), KafkaSettings.fromEnvironment(),
                workers);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "worker-shutdown"));
        stopped.await();
        return 0;
    }
}
