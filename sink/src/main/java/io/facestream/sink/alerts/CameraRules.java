package io.facestream.sink.alerts;

import io.facestream.schemas.avro.AlertRules;
import io.facestream.schemas.avro.CameraConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Each camera's alert rule: from its config on the cameras topic (a global store), else the sink's defaults. */
final class CameraRules {
    private static final Logger LOG = LoggerFactory.getLogger(CameraRules.class);

    private final KeyValueStore<String, CameraConfig> cameras;
    private final AlertRule defaults;
    /** The last rule made of each camera's config, so polygons are not rebuilt for every frame. */
    private final Map<String, Made> made = new HashMap<>();

    private record Made(AlertRules source, AlertRule rule) {
    }

    CameraRules(KeyValueStore<String, CameraConfig> cameras, AlertRule defaults) {
        this.cameras = cameras;
        this.defaults = defaults;
    }

    AlertRule forCamera(String cameraId) {
        CameraConfig config = cameras.get(cameraId);
        AlertRules configured = config == null ? null : config.getAlerts();
        if (configured == null) {
            return defaults;
        }
        Made last = made.get(cameraId);
        if (last != null && last.source().equals(configured)) {
            return last.rule();
        }
        AlertRule rule;
        try {
            rule = AlertRule.of(configured, defaults);
        } catch (IllegalArgumentException e) {
            // A bad config must not stop the sink; the camera still gets alerts, with the defaults.
            LOG.warn("camera {}: alert rules ignored, using the sink's defaults: {}", cameraId, e.getMessage());
            rule = defaults;
        }
        made.put(cameraId, new Made(configured, rule));
        return rule;
    }
}
