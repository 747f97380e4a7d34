package io.facestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code face-stream local} in a JVM of its own, stopped by SIGTERM as a user's Ctrl-C or a service manager would. */
class LocalShutdownTest {
    private static final Pattern FACE_EVENT = Pattern.compile("(?m)^demo #\\d+: \\d+ faces?");
    private static final Duration START_LIMIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void sigtermClosesEverythingSoARestartIsCleanAndAsQuick() throws Exception {
        Path dataDir = dir.resolve("data");
        Run first = Run.start(dir, dataDir, "first");
        Duration firstStart = first.awaitFaceEvent();
        first.terminate();
        assertThat(first.log()).doesNotContain(" ERROR ");
        assertThat(dataDir.resolve("kafka/kafka-logs/.kafka_cleanshutdown")).as("the broker's clean-shutdown marker")
                .exists();

        Run second = Run.start(dir, dataDir, "second");
        Duration secondStart = second.awaitFaceEvent();
        second.terminate();
        assertThat(second.log()).doesNotContain(" ERROR ").doesNotContain("TaskCorruptedException");
        // A worker or Streams member that had not left its group would wait out the group's session timeout.
        assertThat(secondStart).as("restart to first face event, vs %s at the first start", firstStart)
                .isLessThan(firstStart.plusSeconds(5));
    }

    /** One {@code face-stream local} process, its output (stdout and stderr) in a file. */
    private record Run(Process process, Path logFile, long startNanos) {

        static Run start(Path dir, Path dataDir, String name) throws IOException {
            // The class path goes in an argument file: ONNX Runtime crashes with a command line this long.
            Path args = dir.resolve("classpath.args");
            Files.writeString(args, "-cp \"" + System.getProperty("java.class.path") + "\"");
            String java = ProcessHandle.current().info().command().orElse("java");
            ProcessBuilder builder = new ProcessBuilder(java, "-Djava.awt.headless=true", "@" + args,
                    FaceStream.class.getName(), "local", "--data-dir", dataDir.toString(), "--kafka-port", "0",
                    "--fps", "2");
            builder.environment().put("SINK_HTTP_PORT", "0");
            builder.environment().put("WORKER_HTTP_PORT", "0");
            Path log = dir.resolve(name + ".log");
            Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new Run(process, log, System.nanoTime());
        }

        /** How long from the start until the console shows a face event. */
        Duration awaitFaceEvent() throws IOException, InterruptedException {
            while (!FACE_EVENT.matcher(log()).find()) {
                Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
                if (elapsed.compareTo(START_LIMIT) > 0 || !process.isAlive()) {
                    process.destroyForcibly();
                    throw new AssertionError("no face event after " + elapsed.toSeconds() + " s; output:\n" + log());
                }
                Thread.sleep(200);
            }
            return Duration.ofNanos(System.nanoTime() - startNanos);
        }

        /** Sends SIGTERM and expects the process to close everything, the broker last, within the timeout. */
        void terminate() throws IOException, InterruptedException {
            process.destroy();
            boolean exited = process.waitFor(StopSignal.CLOSE_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly();
            }
            assertThat(exited).as("exited after SIGTERM; output:\n%s", log()).isTrue();
            assertThat(process.exitValue()).as("exit status (not halted); output:\n%s", log()).isZero();
            assertThat(log()).contains("Kafka broker stopped");
        }

        String log() throws IOException {
            return Files.readString(logFile);
        }
    }
}
