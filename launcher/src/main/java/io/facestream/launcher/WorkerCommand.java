package io.facestream.launcher;

import io.facestream.schemas.KafkaSettings;
import io.facestream.worker.WorkerConfig;
import io.facestream.worker.WorkerService;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code face-stream worker}: a detector worker against a Kafka cluster, configured by the environment. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Runs detector workers: consumes the frames topic as a consumer group, detects faces in "
                + "batches and publishes one face event per frame (exactly once for read_committed readers)."})
final class WorkerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Where the settings come from: the process environment, or a test's. */
    Map<String, String> environment = System.getenv();

    @Option(names = "--workers", paramLabel = "N", description = "Workers in this process, sharing one detector "
            + "(default: ${DEFAULT-VALUE}).")
    int workers = 1;

    @Override
    public Integer call() throws InterruptedException {
        WorkerConfig config;
        KafkaSettings kafka;
        try {
            config = WorkerConfig.fromEnvironment(environment);
            kafka = KafkaSettings.fromEnvironment(environment);
        } catch (IllegalArgumentException e) {
            return BadSetting.report(spec, e);
        }
        try (StopSignal stop = StopSignal.install("worker");
             WorkerService service = WorkerService.start(config, kafka, workers)) {
            stop.await();
        }
        return 0;
    }
}
