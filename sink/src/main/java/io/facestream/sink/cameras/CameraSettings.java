package io.facestream.sink.cameras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facestream.schemas.AlertRulesJson;
import io.facestream.schemas.CameraId;
import io.facestream.schemas.CameraUrls;
import io.facestream.schemas.DetectionSettingsJson;
import io.facestream.schemas.RtspTransport;
import io.facestream.schemas.avro.AlertRules;
import io.facestream.schemas.avro.CameraConfig;
import io.facestream.schemas.avro.DetectionSettings;
import io.facestream.sink.alerts.AlertRule;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A camera config from a JSON body ({@code PUT /api/cameras/{id}}), validated as ingest validates its camera file:
 * every error names the field. Fields left out take the schema's defaults; {@code url} is required. The door-alert
 * rules ({@code alerts}, in the form of {@link AlertRulesJson}) and the detection settings ({@code detection}, in the
 * form of {@link DetectionSettingsJson}) are the exception: left out, the camera keeps its current ones, so a client
 * that only changes the stream does not wipe them; {@code null} removes them.
 */
public final class CameraSettings {
    private static final Set<String> FIELDS = Set.of("id", "url", "fps", "maxWidth", "maxHeight", "jpegQuality", "loop",
            "stallTimeoutMillis", RtspTransport.FIELD, "enabled", AlertRulesJson.FIELD, DetectionSettingsJson.FIELD);

    private CameraSettings() {
    }

    /** Throws IllegalArgumentException naming the field when the id is no valid camera id. */
    public static String requireValidId(String id) {
        return CameraId.require("id", id);
    }

    /**
     * The config for camera {@code id} described by {@code body}. A {@code url} equal to the redacted URL of
     * {@code current} (as a GET shows it) keeps the current URL, so a client can change other fields without
     * knowing the password. New alert rules must also hold together with {@code alertDefaults}, the sink's rule for
     * the fields they leave out (presentFrames 6 against a default window of 5 frames would be ignored). A new URL must
     * reach a network camera unless {@code allowLocalSources}: a file or device URL would have ingest open whatever
     * its machine holds.
     */
    public static CameraConfig parse(String id, JsonNode body, Optional<CameraConfig> current, AlertRule alertDefaults,
                                     boolean allowLocalSources) {
        requireValidId(id);
        if (!(body instanceof ObjectNode)) {
            throw new IllegalArgumentException("the body must be a JSON object with at least a url");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException(name + " is not a camera field (known: " + String.join(", ",
                        new TreeSet<>(FIELDS)) + ")");
            }
        }
        if (body.hasNonNull("id") && !id.equals(body.get("id").asText())) {
            throw new IllegalArgumentException("id in the body ('" + body.get("id").asText()
                    + "') differs from the id in the path ('" + id + "')");
        }
        String url = text(body, "url");
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("url is missing");
        }
        if (current.isPresent() && url.equals(CameraUrls.redact(current.get().getUrl()))) {
            url = current.get().getUrl();
        } else if (!allowLocalSources && CameraUrls.isLocalSource(url)) {
            throw new IllegalArgumentException("url must start with " + String.join("://, ", CameraUrls.NETWORK_SCHEMES)
                    + "://; files, devices and other schemes are opened only where ingest allows local sources "
                    + "(face-stream local), was '" + CameraUrls.redact(url) + "'");
        }
        CameraConfig defaults = CameraConfig.newBuilder().setId(id).setUrl(url).build();
        double fps = number(body, "fps", defaults.getFps());
        require(fps > 0 && fps <= 120, "fps must be above 0 and at most 120, was " + fps);
        Integer maxWidth = optionalWhole(body, "maxWidth");
        require(maxWidth == null || maxWidth >= 16, "maxWidth must be at least 16 pixels, was " + maxWidth);
        Integer maxHeight = optionalWhole(body, "maxHeight");
        require(maxHeight == null || maxHeight >= 16, "maxHeight must be at least 16 pixels, was " + maxHeight);
        Integer quality = optionalWhole(body, "jpegQuality");
        int jpegQuality = quality == null ? defaults.getJpegQuality() : quality;
        require(jpegQuality >= 1 && jpegQuality <= 100, "jpegQuality must be 1 to 100, was " + jpegQuality);
        Integer stall = optionalWhole(body, "stallTimeoutMillis");
        long stallTimeoutMillis = stall == null ? defaults.getStallTimeoutMillis() : stall;
        require(stallTimeoutMillis >= 100, "stallTimeoutMillis must be at least 100, was " + stallTimeoutMillis);
        RtspTransport transport = RtspTransport.parse(text(body, RtspTransport.FIELD));
        return CameraConfig.newBuilder(defaults).setFps((float) fps).setMaxWidth(maxWidth).setMaxHeight(maxHeight)
                .setJpegQuality(jpegQuality).setLoop(bool(body, "loop", defaults.getLoop()))
                .setStallTimeoutMillis(stallTimeoutMillis).setTransport(transport.configName())
                .setEnabled(bool(body, "enabled", defaults.getEnabled()))
                .setAlerts(alerts(body, current, alertDefaults))
                .setDetection(detection(body, current))
                .build();
    }

    private static DetectionSettings detection(JsonNode body, Optional<CameraConfig> current) {
        if (!body.has(DetectionSettingsJson.FIELD)) {
            return current.map(CameraConfig::getDetection).orElse(null);
        }
        return DetectionSettingsJson.read(body.get(DetectionSettingsJson.FIELD));
    }

    private static AlertRules alerts(JsonNode body, Optional<CameraConfig> current, AlertRule alertDefaults) {
        if (!body.has(AlertRulesJson.FIELD)) {
            return current.map(CameraConfig::getAlerts).orElse(null);
        }
        AlertRules rules = AlertRulesJson.read(body.get(AlertRulesJson.FIELD));
        try {
            AlertRule.of(rules, alertDefaults);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(AlertRulesJson.FIELD + "." + e.getMessage()
                    + " (fields left out take the sink's defaults)", e);
        }
        return rules;
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        require(value.isTextual(), field + " must be a string");
        return value.asText();
    }

    private static double number(JsonNode body, String field, double fallback) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        require(value.isNumber(), field + " must be a number, was " + value);
        return value.asDouble();
    }

    private static Integer optionalWhole(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        require(value.canConvertToInt() && value.isIntegralNumber(), field + " must be a whole number, was " + value);
        return value.asInt();
    }

    private static boolean bool(JsonNode body, String field, boolean fallback) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        require(value.isBoolean(), field + " must be true or false, was " + value);
        return value.asBoolean();
    }

    private static void require(boolean valid, String problem) {
        if (!valid) {
            throw new IllegalArgumentException(problem);
        }
    }
}
