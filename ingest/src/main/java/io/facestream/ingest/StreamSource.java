package io.facestream.ingest;

import io.facestream.schemas.CameraUrls;
import io.facestream.schemas.RtspTransport;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What FFmpeg is asked to open for a camera URL: the input, a forced format (V4L2 webcams) and the
 * demuxer/protocol options (RTSP over TCP, read timeouts so a hung camera is noticed).
 */
public record StreamSource(Kind kind, String input, String format, Map<String, String> options) {

    /** The kinds of camera ingest opens. */
    public enum Kind { RTSP, HTTP, FILE, WEBCAM }

    public StreamSource {
        options = Map.copyOf(options);
    }

    /**
     * What to open for a camera, in the order to try: one source, or for RTSP with transport AUTO TCP and then UDP,
     * for cameras (VLC's server among them) that offer RTP over UDP only.
     */
    public static List<StreamSource> attempts(String url, Duration stallTimeout, RtspTransport transport) {
        StreamSource source = of(url, stallTimeout);
        if (source.kind != Kind.RTSP) {
            return List.of(source);
        }
        return switch (transport) {
            case TCP -> List.of(source);
            case UDP -> List.of(source.withRtspTransport("udp"));
            case AUTO -> List.of(source, source.withRtspTransport("udp"));
        };
    }

    public static StreamSource of(String url, Duration stallTimeout) {
        String lower = url.toLowerCase(Locale.ROOT);
        String micros = Long.toString(stallTimeout.toMillis() * 1000);
        Map<String, String> options = new LinkedHashMap<>();
        if (lower.startsWith("rtsp://") || lower.startsWith("rtsps://")) {
            // UDP loses packets (smeared frames) and rarely passes firewalls: TCP unless the camera offers none.
            options.put("rtsp_transport", "tcp");
            // The RTSP demuxer's socket I/O timeout: a camera that hangs makes reads fail instead of block. Not
            // shorter than the stall timeout: a read that fails must come after the stall deadline (CameraGrabber).
            options.put("timeout", micros);
            liveProbing(options);
            return new StreamSource(Kind.RTSP, url, null, options);
        }
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            options.put("rw_timeout", micros);
            liveProbing(options);
            return new StreamSource(Kind.HTTP, url, null, options);
        }
        if (lower.startsWith("/dev/video")) {
            return new StreamSource(Kind.WEBCAM, url, "video4linux2", options);
        }
        if (lower.startsWith("file://")) {
            return new StreamSource(Kind.FILE, url.substring("file://".length()), null, options);
        }
        return new StreamSource(Kind.FILE, url, null, options);
    }

    private StreamSource withRtspTransport(String transport) {
        Map<String, String> changed = new LinkedHashMap<>(options);
        changed.put("rtsp_transport", transport);
        return new StreamSource(kind, input, format, changed);
    }

    /** The RTP transport FFmpeg is asked for (RTSP), null for other kinds. */
    public String rtspTransport() {
        return options.get("rtsp_transport");
    }

    private static void liveProbing(Map<String, String> options) {
        // Probing live streams for FFmpeg's default 5 s delays the first frame for nothing.
        options.put("analyzeduration", "1000000");
        options.put("probesize", "2000000");
    }

    /** Network streams fail by timing out; files end. */
    public boolean isNetwork() {
        return kind == Kind.RTSP || kind == Kind.HTTP;
    }

    /** Files play at their own speed, not as fast as they decode. */
    public boolean isFile() {
        return kind == Kind.FILE;
    }

    @Override
    public String toString() {
        return "StreamSource[kind=" + kind + ", input=" + CameraUrls.redact(input) + ", format=" + format
                + ", options=" + options + "]";
    }
}
