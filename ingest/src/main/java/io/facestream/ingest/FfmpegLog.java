package io.facestream.ingest;

import io.facestream.schemas.CameraUrls;
import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends FFmpeg's native log to SLF4J (logger {@code io.facestream.ingest.ffmpeg}, so that FACE_STREAM_LOG_LEVEL
 * reaches it) with credentials redacted: FFmpeg echoes input URLs in its messages, and its default log writes them
 * straight to stderr. JavaCV's own notes ("avformat_open_input rejected some options: pixel_format", on every
 * connect) go to SLF4J too, at INFO under {@code org.bytedeco}, instead of stderr.
 */
final class FfmpegLog extends LogCallback {
    private static final Logger log = LoggerFactory.getLogger("io.facestream.ingest.ffmpeg");
    // Native code holds only a raw pointer to the callback: this reference keeps it alive.
    private static FfmpegLog installed;

    private FfmpegLog() {
    }

    /** Before anything of FFmpeg runs: JavaCPP picks its logger once per class, when the class loads. */
    static synchronized void install() {
        if (installed == null) {
            System.setProperty("org.bytedeco.javacpp.logger", "slf4j");
            installed = new FfmpegLog();
            avutil.setLogCallback(installed);
        }
    }

    @Override
    public void call(int level, BytePointer message) {
        if (level > avutil.AV_LOG_WARNING) {
            return;
        }
        String text = CameraUrls.redact(message.getString().strip());
        if (text.isEmpty()) {
            return;
        }
        // Damaged packets from real cameras make FFmpeg report errors many times a second, and the status says why a
        // camera is down in words ("authentication failed" for FFmpeg's "401 Unauthorized"): debug, not warn.
        if (level <= avutil.AV_LOG_FATAL) {
            log.warn(text);
        } else {
            log.debug(text);
        }
    }
}
