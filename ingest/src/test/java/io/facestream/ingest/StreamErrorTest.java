package io.facestream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamErrorTest {
    @TempDir
    Path dir;

    @Test
    void ffmpegFailuresAreSaidInWordsWithoutJavacvHints() {
        assertThat(StreamError.of(openFails("rtsp://127.0.0.1:" + FreePort.find() + "/cam")))
                .isEqualTo(new StreamError(-111, "connection refused"));
        assertThat(StreamError.of(openFails(dir.resolve("missing.mp4").toString())).words()).isEqualTo("not found");
    }

    @Test
    void httpAndRtspStatusCodesAreNamed() {
        StreamError unauthorized = StreamError.of(new FrameGrabber.Exception("avformat_open_input() error -825242872:"
                + " Could not open input \"rtsp://cam/1\". (Has setFormat() been called?)"));
        assertThat(unauthorized.words()).isEqualTo("authentication failed");
        assertThat(unauthorized.isAuthentication()).isTrue();
        StreamError udpOnly = StreamError.of(new FrameGrabber.Exception("avformat_open_input() error -93: x"));
        assertThat(udpOnly.words()).isEqualTo("transport not supported");
        assertThat(udpOnly.isTransportNotSupported()).isTrue();
        assertThat(StreamError.of(new FrameGrabber.Exception("error -110: x")).words()).isEqualTo("timed out");
        assertThat(StreamError.of(new FrameGrabber.Exception("error -113: x")).words()).isEqualTo("host unreachable");
    }

    @Test
    void unknownCodesTakeFfmpegsTextAndOtherErrorsKeepTheirMessage() {
        assertThat(StreamError.of(new FrameGrabber.Exception("avformat_find_stream_info() error -5: x")).words())
                .isEqualTo("input/output error");
        assertThat(StreamError.of(new IllegalStateException("stream ended"))).isEqualTo(new StreamError(0, "stream ended"));
        assertThat(StreamError.of(new IllegalStateException()).words()).isEqualTo("IllegalStateException");
    }

    private static Exception openFails(String input) {
        FfmpegLog.install();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(input)) {
            try {
                grabber.start();
            } catch (FrameGrabber.Exception e) {
                return e;
            }
        } catch (FrameGrabber.Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("opening " + input + " did not fail");
    }
}
