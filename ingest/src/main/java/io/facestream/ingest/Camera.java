package io.facestream.ingest;

import io.facestream.schemas.CameraId;
import io.facestream.schemas.CameraUrls;
import io.facestream.schemas.InvalidFieldException;
import io.facestream.schemas.RtspTransport;
import io.facestream.schemas.avro.AlertRules;
import io.facestream.schemas.avro.CameraConfig;
import io.facestream.schemas.avro.DetectionSettings;
import java.time.Duration;

/**
 * One camera to ingest, validated: its id, stream URL (which may hold a password: {@link #toString()}
 * redacts it) and how its frames are sampled and encoded. {@code alerts} are the sink's door-alert rules for the
 * camera and {@code detection} the detector workers' settings for its frames, both carried to the {@code cameras}
 * topic as they are (null: the sink's or the workers' defaults); ingest uses neither.
 */
public record Camera(String id, String url, double fps, Integer maxWidth, Integer maxHeight, int jpegQuality,
                     boolean loop, Duration stallTimeout, RtspTransport transport, boolean enabled, AlertRules alerts,
                     DetectionSettings detection) {
    public static final double DEFAULT_FPS = 5.0;
    public static final int DEFAULT_JPEG_QUALITY = 85;
    public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(10);

    public Camera {
        CameraId.require("id", id);
        require(url != null && !url.isBlank(), "url", "is missing");
        require(fps > 0 && fps <= 120, "fps", "must be above 0 and at most 120, not " + fps);
        require(maxWidth == null || maxWidth >= 16, "maxWidth", "must be at least 16 pixels, not " + maxWidth);
        require(maxHeight == null || maxHeight >= 16, "maxHeight", "must be at least 16 pixels, not " + maxHeight);
        require(jpegQuality >= 1 && jpegQuality <= 100, "jpegQuality", "must be 1 to 100, not " + jpegQuality);
        require(stallTimeout != null && stallTimeout.toMillis() >= 100, "stallTimeoutMillis",
                "must be at least 100, not " + (stallTimeout == null ? null : stallTimeout.toMillis()));
        require(transport != null, "transport", "is missing");
    }

    /** A camera with the defaults of the schema for everything but its id and URL. */
    public static Camera of(String id, String url) {
        return new Camera(id, url, DEFAULT_FPS, null, null, DEFAULT_JPEG_QUALITY, false, DEFAULT_STALL_TIMEOUT,
                RtspTransport.AUTO, true, null, null);
    }

    public Camera withFps(double newFps) {
        return new Camera(id, url, newFps, maxWidth, maxHeight, jpegQuality, loop, stallTimeout, transport,
                enabled, alerts, detection);
    }

    public Camera withLoop(boolean newLoop) {
        return new Camera(id, url, fps, maxWidth, maxHeight, jpegQuality, newLoop, stallTimeout, transport,
                enabled, alerts, detection);
    }

    public Camera withMaxSize(Integer width, Integer height) {
        return new Camera(id, url, fps, width, height, jpegQuality, loop, stallTimeout, transport, enabled, alerts,
                detection);
    }

    public Camera withStallTimeout(Duration timeout) {
        return new Camera(id, url, fps, maxWidth, maxHeight, jpegQuality, loop, timeout, transport, enabled, alerts,
                detection);
    }

    public Camera withTransport(RtspTransport newTransport) {
        return new Camera(id, url, fps, maxWidth, maxHeight, jpegQuality, loop, stallTimeout, newTransport, enabled,
                alerts, detection);
    }

    public Camera withEnabled(boolean isEnabled) {
        return new Camera(id, url, fps, maxWidth, maxHeight, jpegQuality, loop, stallTimeout, transport,
                isEnabled, alerts, detection);
    }

    public Camera withAlerts(AlertRules rules) {
        return new Camera(id, url, fps, maxWidth, maxHeight, jpegQuality, loop, stallTimeout, transport,
                enabled, rules, detection);
    }

    public Camera withDetection(DetectionSettings settings) {
        return new Camera(id, url, fps, maxWidth, maxHeight, jpegQuality, loop, stallTimeout, transport,
                enabled, alerts, settings);
    }

    /**
     * Whether {@code other} is ingested exactly as this camera: every field but the alert rules, which only the sink
     * uses, and the detection settings, which only the workers use, so a change of either does not reconnect the
     * stream.
     */
    public boolean sameStreamAs(Camera other) {
        return forIngest().equals(other.forIngest());
    }

    private Camera forIngest() {
        return withAlerts(null).withDetection(null);
    }

    public static Camera fromAvro(CameraConfig config) {
        return new Camera(config.getId(), config.getUrl(), config.getFps(), config.getMaxWidth(), config.getMaxHeight(),
                config.getJpegQuality(), config.getLoop(), Duration.ofMillis(config.getStallTimeoutMillis()),
                RtspTransport.parse(config.getTransport()), config.getEnabled(), config.getAlerts(),
                config.getDetection());
    }

    public CameraConfig toAvro() {
        return CameraConfig.newBuilder().setId(id).setUrl(url).setFps((float) fps).setMaxWidth(maxWidth)
                .setMaxHeight(maxHeight).setJpegQuality(jpegQuality).setLoop(loop)
                .setStallTimeoutMillis(stallTimeout.toMillis()).setTransport(transport.configName()).setEnabled(enabled)
                .setAlerts(alerts).setDetection(detection).build();
    }

    /** The URL with its password hidden, for logs and events. */
    public String redactedUrl() {
        return CameraUrls.redact(url);
    }

    @Override
    public String toString() {
        return "Camera[id=" + id + ", url=" + redactedUrl() + ", fps=" + fps + ", maxWidth=" + maxWidth
                + ", maxHeight=" + maxHeight + ", jpegQuality=" + jpegQuality + ", loop=" + loop
                + ", stallTimeout=" + stallTimeout + ", transport=" + transport + ", enabled=" + enabled
                + ", alerts=" + alerts + ", detection=" + detection + "]";
    }

    private static void require(boolean valid, String field, String problem) {
        if (!valid) {
            throw new InvalidFieldException(field, field + " " + problem);
        }
    }
}
