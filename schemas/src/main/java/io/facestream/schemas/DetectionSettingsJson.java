package io.facestream.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facestream.schemas.avro.DetectionSettings;
import io.facestream.schemas.avro.ZonePoint;
import java.util.List;

/**
 * A camera's detection settings ({@link DetectionSettings}) as a JSON or YAML mapping, in the one form that the
 * ingest camera file and the sink's {@code PUT /api/cameras/{id}} both accept and {@code GET /api/cameras} shows:
 *
 * <pre>{@code
 * {"minFaceSize": 60, "region": [{"x": 0.2, "y": 0}, {"x": 0.8, "y": 0}, {"x": 0.8, "y": 1}, {"x": 0.2, "y": 1}],
 *  "fullScanIntervalMillis": 2000, "motionThreshold": 18, "tracking": true, "embeddings": true,
 *  "model": "blazeface+onet"}
 * }</pre>
 *
 * Every field may be left out (null, or no region: the workers' default). An error names the field as
 * {@code detection.region[2].x}.
 */
public final class DetectionSettingsJson {
    /** The field under which a camera carries its settings. */
    public static final String FIELD = "detection";
    /** P-Net looks at 12-pixel windows: a smaller face would need the frame enlarged. */
    public static final int MIN_FACE_SIZE = 12;
    public static final int MAX_FACE_SIZE = 2000;
    public static final long MIN_FULL_SCAN_INTERVAL_MILLIS = 100;
    public static final long MAX_FULL_SCAN_INTERVAL_MILLIS = 60_000;
    /** The detectors a worker runs, as {@code DETECTOR_MODEL} names them (the blazeface module's DetectorModel). */
    public static final List<String> MODELS = List.of("mtcnn", "blazeface", "blazeface+onet");

    private static final List<String> FIELDS = List.of("minFaceSize", "region", "fullScanIntervalMillis",
            "motionThreshold", "tracking", "embeddings", "model");
    private static final JsonFields JSON = new JsonFields(FIELD);

    private DetectionSettingsJson() {
    }

    /** The settings {@code node} describes; null when it is missing or null. */
    public static DetectionSettings read(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        JSON.requireObject(node, "", "a mapping of " + String.join(", ", FIELDS));
        JSON.rejectUnknown(node, "", FIELDS);
        Long minFaceSize = JSON.whole(node, "minFaceSize", MIN_FACE_SIZE, MAX_FACE_SIZE, " pixels");
        JsonNode region = node.get("region");
        List<ZonePoint> polygon = region == null || region.isNull() ? List.of() : JSON.polygon(region, "region");
        Long interval = JSON.whole(node, "fullScanIntervalMillis", MIN_FULL_SCAN_INTERVAL_MILLIS,
                MAX_FULL_SCAN_INTERVAL_MILLIS, " ms");
        Long motionThreshold = JSON.whole(node, "motionThreshold", 1, 255, " grey levels");
        return DetectionSettings.newBuilder()
                .setMinFaceSize(minFaceSize == null ? null : minFaceSize.intValue())
                .setRegion(polygon)
                .setFullScanIntervalMillis(interval)
                .setMotionThreshold(motionThreshold == null ? null : motionThreshold.intValue())
                .setTracking(JSON.bool(node, "tracking"))
                .setEmbeddings(JSON.bool(node, "embeddings"))
                .setModel(JSON.choice(node, "model", MODELS))
                .build();
    }

    /** The JSON form of {@code settings}, every field present (null or an empty region: the default); null for null. */
    public static ObjectNode write(DetectionSettings settings) {
        if (settings == null) {
            return null;
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("minFaceSize", settings.getMinFaceSize());
        JsonFields.writePolygon(node.putArray("region"), settings.getRegion());
        node.put("fullScanIntervalMillis", settings.getFullScanIntervalMillis());
        node.put("motionThreshold", settings.getMotionThreshold());
        node.put("tracking", settings.getTracking());
        node.put("embeddings", settings.getEmbeddings());
        node.put("model", settings.getModel());
        return node;
    }
}
