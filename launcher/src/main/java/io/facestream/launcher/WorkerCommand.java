package io.facestream.launcher;

import io.facestream.schemas.KafkaSettings;
import io.facestream.worker.WorkerConfig;
import io.facestream.worker.WorkerService;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code face-stream worker}: a detector worker against a Kafka cluster, configured by the environment. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Runs detector workers: consumes the frames topic as a consumer group, detects faces in "
                + "batches and publishes one face event per frame (exactly once for read_committed readers)."})
final class WorkerCommand implements Callable<Integer> {

    @Option(names = "--workers", paramLabel = "N", description = "Workers in this process, sharing one detector "
            + "(default: ${DEFAULT-VALUE}).")
    int workers = 1;

    @Override
    public Integer call() throws InterruptedException {
        try (StopSignal stop = StopSignal.install("worker");
             WorkerService service = WorkerService.start(WorkerConfig.fromEnvironment(),
                     KafkaSettings.fromEnvironment(), workers)) {
            stop.await();
        }
        return 0;
    }
}
