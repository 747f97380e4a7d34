package io.facestream.schemas;

import java.util.List;
import org.apache.avro.Schema;

/**
 * Every earlier published version of each schema: records on Kafka outlive the code that wrote them,
 * and a reader needs the writer's schema to resolve them. Add a file here whenever a published
 * schema changes.
 */
final class SchemaHistory {
    private static final String DIR = "/io/facestream/schemas/history/";
    private static final List<String> FILES = List.of("FaceDetections-v1.avsc", "FaceDetections-v2.avsc", "FaceDetections-v3.avsc",
            "FaceDetections-v4.avsc",
            "CameraConfig-v1.avsc", "CameraConfig-v2.avsc", "CameraConfig-v3.avsc", "CameraConfig-v4.avsc",
            "CameraConfig-v5.avsc",
            "Alert-v1.avsc", "Alert-v2.avsc");

    private SchemaHistory() {
    }

    /** The earlier versions of {@code schema} (same full name). */
    static List<Schema> earlierVersions(Schema schema) {
        return FILES.stream().map(file -> AvroSerde.readSchema(DIR + file))
                .filter(old -> old.getFullName().equals(schema.getFullName()))
                .toList();
    }
}
