package io.facestream.ingest;

import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.CameraConfig;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Writes camera configs to the compacted {@code cameras} topic, where every instance sees them. */
public final class CameraPublisher {
    private final Producer<String, CameraConfig> producer;

    public CameraPublisher(Producer<String, CameraConfig> producer) {
        this.producer = producer;
    }

    /** Publishes the cameras and waits until Kafka has them. */
    public void publish(List<Camera> cameras) throws InterruptedException {
        List<Future<RecordMetadata>> sent = cameras.stream()
                .map(camera -> producer.send(new ProducerRecord<>(Topics.CAMERAS, camera.id(), camera.toAvro())))
                .toList();
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("cannot publish camera " + cameras.get(i).id() + " to "
                        + Topics.CAMERAS + ": " + e.getCause().getMessage(), e.getCause());
            }
        }
    }

    /** Removes a camera: a tombstone on its key. */
    public void remove(String cameraId) throws ExecutionException, InterruptedException {
        producer.send(new ProducerRecord<>(Topics.CAMERAS, cameraId, null)).get();
    }
}
