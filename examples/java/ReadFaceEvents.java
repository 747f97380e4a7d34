import io.facestream.schemas.AvroSerde;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.DetectedFace;
import io.facestream.schemas.avro.FaceDetections;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads face-stream's face events from the {@code faces} topic and prints a line per event. Needs the {@code schemas}
 * module (its generated classes and {@link AvroSerde}) and kafka-clients on the class path:
 *
 * <pre>java -cp "$(cat classpath.txt)" ReadFaceEvents.java localhost:9092 [idle-seconds]</pre>
 */
public class ReadFaceEvents {
    public static void main(String[] args) {
        String bootstrap = args.length > 0 ? args[0] : "localhost:9092";
        Duration idle = args.length > 1 ? Duration.ofSeconds(Long.parseLong(args[1])) : null;
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "read-face-events-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // Only events of committed worker transactions: each frame's event exactly once.
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, FaceDetections> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new AvroSerde<>(FaceDetections.class).deserializer())) {
            consumer.subscribe(List.of(Topics.FACES));
            Instant lastEvent = Instant.now();
            while (idle == null || Instant.now().isBefore(lastEvent.plus(idle))) {
                if (consumer.assignment().isEmpty()) {
                    lastEvent = Instant.now(); // idle time counts once the group has given this consumer partitions
                }
                for (ConsumerRecord<String, FaceDetections> record : consumer.poll(Duration.ofMillis(500))) {
                    lastEvent = Instant.now();
                    System.out.println(describe(record.value()));
                }
            }
        }
    }

    private static String describe(FaceDetections event) {
        return event.getCameraId() + " #" + event.getSequence() + " " + event.getCaptureTime() + " "
                + event.getStatus() + " " + event.getFaces().size() + " face(s) "
                + event.getFaces().stream().map(ReadFaceEvents::describe).collect(Collectors.joining(" "));
    }

    private static String describe(DetectedFace face) {
        return String.format("[%.0f,%.0f,%.0f,%.0f %.2f]", face.getBox().getX1(), face.getBox().getY1(),
                face.getBox().getX2(), face.getBox().getY2(), face.getScore());
    }
}
