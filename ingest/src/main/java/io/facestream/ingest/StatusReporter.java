package io.facestream.ingest;

import io.facestream.schemas.CameraUrls;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.CameraState;
import io.facestream.schemas.avro.CameraStatus;
import java.time.Instant;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes CameraStatus events to {@code camera-status} (key: camera id), reasons redacted. */
final class StatusReporter {
    private static final Logger log = LoggerFactory.getLogger(StatusReporter.class);

    private final Producer<String, CameraStatus> producer;
    private final String instanceId;

    StatusReporter(Producer<String, CameraStatus> producer, String instanceId) {
        this.producer = producer;
        this.instanceId = instanceId;
    }

    void report(String cameraId, CameraState state, String reason, CameraMeters meters) {
        CameraStatus status = CameraStatus.newBuilder()
                .setCameraId(cameraId)
                .setState(state)
                .setReason(CameraUrls.redact(reason))
                .setTime(Instant.now())
                .setMeasuredFps((float) meters.measuredFps())
                .setFramesSent(meters.framesSent())
                .setFramesDropped(meters.framesDropped())
                .setIngestInstance(instanceId)
                .build();
        producer.send(new ProducerRecord<>(Topics.CAMERA_STATUS, cameraId, status), (metadata, error) -> {
            if (error != null) {
                log.warn("camera {}: status {} not published: {}", cameraId, state, error.toString());
            }
        });
    }
}
