package io.facestream.ingest;

import io.facestream.schemas.CameraUrls;
import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends FFmpeg's native log to SLF4J (logger {@code ffmpeg}) with credentials redacted: FFmpeg
 * echoes input URLs in its messages, and its default log writes them straight to stderr.
 */
final class FfmpegLog extends LogCallback {
    private static final Logger log = LoggerFactory.getLogger("ffmpeg");
    // Native code holds only a raw pointer to the callback: this reference keeps it alive.
    private static FfmpegLog installed;

    private FfmpegLog() {
    }

    static synchronized void install() {
        if (installed == null) {
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
        // Damaged packets from real cameras make FFmpeg report errors many times a second: debug, not warn.
        if (level <= avutil.AV_LOG_FATAL) {
            log.warn(text);
        } else {
            log.debug(text);
        }
    }
}
