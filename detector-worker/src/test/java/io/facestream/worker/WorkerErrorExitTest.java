package io.facestream.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.facestream.schemas.FatalErrors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An Error that ends a worker's loop ends its process, so that an orchestrator starts it again. */
class WorkerErrorExitTest {

    @TempDir
    Path dataDir;

    @Test
    void outOfMemoryInTheLoopEndsTheProcessWithStatus70AndOneLogLine() throws Exception {
        Path log = dataDir.resolve("worker.log");
        try (KafkaFixture kafka = new KafkaFixture(dataDir)) {
            // The limit raised over the frame's 400 M pixels, the heap far below them: the decoder runs out of memory.
            // No age limit: the frame waits for the JVM to start.
            Process worker = WorkerProcess.launch(kafka.broker().bootstrapServers(), "oom", log, List.of("-Xmx256m"),
                    List.of("WORKER_MAX_FRAME_PIXELS=2000000000", "WORKER_MAX_FRAME_AGE_MS=0"));
            try {
                kafka.send(TestFrames.declaring("door", 0, 20_000, 20_000));
                boolean exited = worker.waitFor(90, TimeUnit.SECONDS);
                String output = Files.readString(log);
                assertThat(exited).as("the worker process ended; its log:\n%s", output).isTrue();
                assertThat(worker.exitValue()).isEqualTo(FatalErrors.EXIT_STATUS);
                assertThat(output.lines().filter(line -> line.contains("exiting with status 70")))
                        .singleElement().asString().contains("java.lang.OutOfMemoryError");
            } finally {
                worker.destroyForcibly();
            }
        }
    }
}
