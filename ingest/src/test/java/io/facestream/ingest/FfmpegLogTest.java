package io.facestream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** FFmpeg's and JavaCV's messages reach the logs, under loggers the log settings reach, and never raw stderr. */
class FfmpegLogTest {
    @TempDir
    Path dir;
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger ours = (Logger) LoggerFactory.getLogger("io.facestream");
    Logger javacv = (Logger) LoggerFactory.getLogger("org.bytedeco");
    Logger ffmpeg = (Logger) LoggerFactory.getLogger("io.facestream.ingest.ffmpeg");

    @BeforeEach
    void listen() {
        FfmpegLog.install();
        logs.start();
        ours.addAppender(logs);
        javacv.addAppender(logs);
        javacv.setLevel(Level.INFO);
        // What FACE_STREAM_LOG_LEVEL=DEBUG sets; the test configuration quiets FFmpeg's own logger below it.
        ffmpeg.setLevel(null);
        ours.setLevel(Level.DEBUG);
    }

    @AfterEach
    void stopListening() {
        ours.detachAppender(logs);
        javacv.detachAppender(logs);
        javacv.setLevel(null);
        ours.setLevel(Level.INFO);
        ffmpeg.setLevel(Level.WARN);
    }

    @Test
    void ffmpegErrorsAreDebugUnderFaceStreamsLoggers() {
        avutil.av_log(null, avutil.AV_LOG_ERROR, "method DESCRIBE failed: 401 Unauthorized\n");

        assertThat(logs.list).anySatisfy(event -> {
            assertThat(event.getLoggerName()).isEqualTo("io.facestream.ingest.ffmpeg");
            assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
            assertThat(event.getFormattedMessage()).isEqualTo("method DESCRIBE failed: 401 Unauthorized");
        });
    }

    @Test
    void javacvNotesOnEveryOpenGoToTheLogsNotStderr() throws Exception {
        Path video = dir.resolve("clip.mp4");
        DemoVideo.write(video, 160, 120, 10, Duration.ofMillis(500));
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            for (int open = 0; open < 2; open++) {
                try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toString())) {
                    grabber.start();
                    assertThat(grabber.grabImage()).isNotNull();
                }
            }
        } finally {
            System.setErr(stderr);
        }

        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("rejected some options");
        assertThat(logs.list).anySatisfy(event -> {
            assertThat(event.getLoggerName()).startsWith("org.bytedeco");
            assertThat(event.getLevel()).isEqualTo(Level.INFO);
            assertThat(event.getFormattedMessage()).contains("rejected some options");
        });
    }
}
