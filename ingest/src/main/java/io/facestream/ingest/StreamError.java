package io.facestream.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * Why a camera's stream could not be opened or read, in the words its status shows. JavaCV's messages carry
 * FFmpeg's error code among hints meant for developers ("Has setFormat() been called?"); a wrong RTSP password is
 * "error -825242872" there.
 */
record StreamError(int code, String words) {
    // Linux errno values, negated as FFmpeg's AVERROR(e) does.
    private static final int PROTOCOL_NOT_SUPPORTED = -93; // every RTP transport allowed was refused
    private static final int NOT_SUPPORTED = -95; // RTSP's 461 Unsupported Transport
    private static final Pattern CODE = Pattern.compile("\\berror (-\\d+)");
    private static final Map<Integer, String> WORDS = Map.ofEntries(
            Map.entry(-2, "not found"),
            Map.entry(-13, "permission denied"),
            Map.entry(-101, "host unreachable"),
            Map.entry(-104, "connection reset"),
            Map.entry(-110, "timed out"),
            Map.entry(-111, "connection refused"),
            Map.entry(-113, "host unreachable"),
            Map.entry(PROTOCOL_NOT_SUPPORTED, "transport not supported"),
            Map.entry(NOT_SUPPORTED, "transport not supported"),
            Map.entry(avutil.AVERROR_HTTP_UNAUTHORIZED, "authentication failed"),
            Map.entry(avutil.AVERROR_HTTP_FORBIDDEN, "authentication failed (forbidden)"),
            Map.entry(avutil.AVERROR_HTTP_NOT_FOUND, "not found"),
            Map.entry(avutil.AVERROR_STREAM_NOT_FOUND, "no video stream"),
            Map.entry(avutil.AVERROR_INVALIDDATA, "invalid data: no valid answer or stream"));

    /** The error behind {@code e}: FFmpeg's code where its message has one (0 otherwise), and words for it. */
    static StreamError of(Throwable e) {
        String message = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
                : e.getMessage();
        Matcher code = CODE.matcher(message);
        if (!code.find()) {
            return new StreamError(0, message);
        }
        int value = Integer.parseInt(code.group(1));
        return new StreamError(value, WORDS.containsKey(value) ? WORDS.get(value) : ffmpegWords(value));
    }

    boolean isAuthentication() {
        return code == avutil.AVERROR_HTTP_UNAUTHORIZED || code == avutil.AVERROR_HTTP_FORBIDDEN;
    }

    boolean isTransportNotSupported() {
        return code == PROTOCOL_NOT_SUPPORTED || code == NOT_SUPPORTED;
    }

    private static String ffmpegWords(int code) {
        byte[] text = new byte[128];
        if (avutil.av_strerror(code, text, text.length) < 0) {
            return "FFmpeg error " + code;
        }
        int end = 0;
        while (end < text.length && text[end] != 0) {
            end++;
        }
        String words = new String(text, 0, end, StandardCharsets.UTF_8);
        return words.isEmpty() ? "FFmpeg error " + code
                : words.substring(0, 1).toLowerCase(Locale.ROOT) + words.substring(1);
    }
}
