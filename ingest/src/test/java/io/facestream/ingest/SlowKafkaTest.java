package io.facestream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.facestream.schemas.AvroSerde;
import io.facestream.schemas.avro.CameraStatus;
import io.facestream.schemas.avro.Frame;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** When Kafka acknowledges slower than the camera delivers, the oldest frames give way and are counted. */
class SlowKafkaTest {
    private final MeterRegistry registry = new SimpleMeterRegistry();
    // Kafka is outside the unit under test here: a producer that acknowledges only when told to.
    private final MockProducer<String, Frame> frames = new MockProducer<>(false, null,
            new StringSerializer(), new AvroSerde<>(Frame.class).serializer());
    private final MockProducer<String, CameraStatus> statuses = new MockProducer<>(true, null,
            new StringSerializer(), new AvroSerde<>(CameraStatus.class).serializer());

    private static EncodedFrame frame(int n) {
        return new EncodedFrame("slow-cam", Instant.ofEpochMilli(n), 16, 16, new byte[] {(byte) n});
    }

    private double counter(String name) {
        return registry.get(name).tag("camera", "slow-cam").counter().count();
    }

    @Test
    void framesBeyondTheQueueDropTheOldestAndSequencesStayGapless() throws Exception {
        IngestConfig config = IngestConfig.forCluster("unused:9092").withInstanceId("test");
        RunningCamera camera = new RunningCamera(Camera.of("slow-cam", "unused.mp4"), 0, config, frames,
                new StatusReporter(statuses, "test"), registry);
        // The sender is not running yet, as if Kafka were stuck: 10 frames into a queue of 4.
        for (int n = 0; n < 10; n++) {
            camera.sampled(frame(n));
        }
        assertThat(counter("facestream.ingest.frames.dropped")).isEqualTo(6);

        FrameSender sender = new FrameSender("slow-cam", 0, queueOf(camera), frames, 8, meters(camera), 0);
        Thread thread = new Thread(sender);
        thread.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> frames.history().size() == 4);
        while (frames.completeNext()) {
            // acknowledge everything sent
        }
        sender.stop();
        thread.join(5_000);

        List<Frame> sent = frames.history().stream().map(record -> record.value()).toList();
        assertThat(sent.stream().map(Frame::getSequence).toList()).containsExactly(0L, 1L, 2L, 3L);
        // The freshest four frames survived.
        assertThat(sent.stream().map(f -> f.getCaptureTime().toEpochMilli()).toList()).containsExactly(6L, 7L, 8L, 9L);
        assertThat(counter("facestream.ingest.frames.sent")).isEqualTo(4);
    }

    private static FreshestFrameQueue<EncodedFrame> queueOf(RunningCamera camera) {
        return camera.queue();
    }

    private static CameraMeters meters(RunningCamera camera) {
        return camera.meters();
    }
}
