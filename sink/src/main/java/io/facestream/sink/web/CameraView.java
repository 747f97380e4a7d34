package io.facestream.sink.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.facestream.schemas.AlertRulesJson;
import io.facestream.schemas.avro.CameraConfig;
import io.facestream.schemas.CameraUrls;
import io.facestream.schemas.DetectionSettingsJson;
import io.facestream.sink.live.LiveViews;
import java.time.Instant;
import java.util.Optional;

/**
 * A camera as {@code GET /api/cameras} shows it: its config (URL redacted; alert rules and detection settings in the
 * form a PUT takes, null for the sink's or the workers' defaults; null fields when the camera reports a status but has
 * no config on {@code cameras}), its ingest status, and its live figures since the sink started.
 */
record CameraView(String id, boolean configured, String url, Float fps, Integer maxWidth, Integer maxHeight,
                  Integer jpegQuality, Boolean loop, Long stallTimeoutMillis, String transport, Boolean enabled,
                  JsonNode alerts, JsonNode detection,
                  LiveViews.StatusView status, Live live) {

    /** The newest face event's sequence and capture time, faces, events per second, latency and lag. */
    record Live(long sequence, Instant captureTime, int faces, double fps, long latencyMs, Long lag) {
    }

    static CameraView of(String id, Optional<CameraConfig> config, Optional<LiveViews.StatusView> status,
                         Optional<LiveViews.Detection> latest) {
        Live live = latest.map(event -> new Live(event.sequence(), event.captureTime(), event.faces().size(),
                event.fps(), event.latencyMs(), event.lag())).orElse(null);
        if (config.isEmpty()) {
            return new CameraView(id, false, null, null, null, null, null, null, null, null, null, null,
                    null, status.orElse(null), live);
        }
        CameraConfig camera = config.get();
        return new CameraView(id, true, CameraUrls.redact(camera.getUrl()), camera.getFps(), camera.getMaxWidth(),
                camera.getMaxHeight(), camera.getJpegQuality(), camera.getLoop(), camera.getStallTimeoutMillis(),
                camera.getTransport(), camera.getEnabled(), AlertRulesJson.write(camera.getAlerts()),
                DetectionSettingsJson.write(camera.getDetection()), status.orElse(null), live);
    }
}
