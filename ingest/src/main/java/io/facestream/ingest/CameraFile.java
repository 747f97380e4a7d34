package io.facestream.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.facestream.schemas.AlertRulesJson;
import io.facestream.schemas.CameraUrls;
import io.facestream.schemas.DetectionSettingsJson;
import io.facestream.schemas.InvalidFieldException;
import io.facestream.schemas.RtspTransport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the camera list from a YAML file: a list of entries with the fields of CameraConfig
 * ({@code id} and {@code url} required), the transport as {@link RtspTransport} names it, the door-alert rules
 * under {@code alerts} in the form of {@link AlertRulesJson}, the detector workers' settings under {@code detection}
 * in the form of {@link DetectionSettingsJson}. An error names the file, the camera and the field.
 */
public final class CameraFile {
    private static final Set<String> FIELDS = Set.of("id", "url", "fps", "maxWidth", "maxHeight", "jpegQuality",
            "loop", "stallTimeoutMillis", RtspTransport.FIELD, "enabled", AlertRulesJson.FIELD,
            DetectionSettingsJson.FIELD);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private CameraFile() {
    }

    public static List<Camera> read(Path file) {
        JsonNode root = parse(file);
        if (root == null || root.isNull() || root.isMissingNode()) {
            return List.of();
        }
        if (!root.isArray()) {
            throw new InvalidCameraFileException(file + ": expected a list of cameras (entries starting with '- id: ...')");
        }
        List<Camera> cameras = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < root.size(); i++) {
            Camera camera = camera(file, i, root.get(i));
            if (!ids.add(camera.id())) {
                throw new InvalidCameraFileException(file + ": camera '" + camera.id() + "' (entry " + (i + 1)
                        + "): field id: the id is used by an earlier camera");
            }
            cameras.add(camera);
        }
        return List.copyOf(cameras);
    }

    private static JsonNode parse(Path file) {
        try {
            return YAML.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new InvalidCameraFileException(file + ": no such camera file");
        } catch (JsonProcessingException e) {
            throw new InvalidCameraFileException(file + ": not valid YAML: " + CameraUrls.redact(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidCameraFileException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static Camera camera(Path file, int index, JsonNode entry) {
        String where = file + ": camera " + describe(index, entry);
        if (!entry.isObject()) {
            throw new InvalidCameraFileException(where + ": expected fields such as 'id:' and 'url:'");
        }
        for (Iterator<String> names = entry.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidCameraFileException(where + ": field " + name + ": unknown; accepted fields are "
                        + String.join(", ", FIELDS.stream().sorted().toList()));
            }
        }
        try {
            return new Camera(text(entry, "id"), text(entry, "url"),
                    number(entry, "fps", Camera.DEFAULT_FPS),
                    optionalInt(entry, "maxWidth"), optionalInt(entry, "maxHeight"),
                    (int) number(entry, "jpegQuality", Camera.DEFAULT_JPEG_QUALITY),
                    bool(entry, "loop", false),
                    Duration.ofMillis((long) number(entry, "stallTimeoutMillis", Camera.DEFAULT_STALL_TIMEOUT.toMillis())),
                    RtspTransport.parse(optionalText(entry, RtspTransport.FIELD)),
                    bool(entry, "enabled", true),
                    AlertRulesJson.read(entry.get(AlertRulesJson.FIELD)),
                    DetectionSettingsJson.read(entry.get(DetectionSettingsJson.FIELD)));
        } catch (InvalidFieldException e) {
            throw new InvalidCameraFileException(where + ": field " + e.field() + ": " + CameraUrls.redact(e.getMessage()));
        }
    }

    private static String describe(int index, JsonNode entry) {
        JsonNode id = entry.get("id");
        return id != null && id.isTextual() ? "'" + id.asText() + "' (entry " + (index + 1) + ")" : "entry " + (index + 1);
    }

    private static String text(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidFieldException(field, field + " is missing");
        }
        if (!value.isValueNode() || value.isBoolean()) {
            throw new InvalidFieldException(field, field + " must be text");
        }
        return value.asText();
    }

    private static String optionalText(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        return value == null || value.isNull() ? null : text(entry, field);
    }

    private static double number(JsonNode entry, String field, double fallback) {
        JsonNode value = entry.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isNumber()) {
            throw new InvalidFieldException(field, field + " must be a number, not '" + value.asText() + "'");
        }
        return value.asDouble();
    }

    private static Integer optionalInt(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber()) {
            throw new InvalidFieldException(field, field + " must be a whole number, not '" + value.asText() + "'");
        }
        return value.asInt();
    }

    private static boolean bool(JsonNode entry, String field, boolean fallback) {
        JsonNode value = entry.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new InvalidFieldException(field, field + " must be true or false, not '" + value.asText() + "'");
        }
        return value.asBoolean();
    }

    /** The camera file cannot be used; the message names the file, the camera and the field. */
    public static final class InvalidCameraFileException extends IllegalArgumentException {
        InvalidCameraFileException(String message) {
            super(message);
        }
    }
}
