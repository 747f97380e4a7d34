package io.facestream.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads what is on a topic, as a fresh read_committed consumer sees it: for tests and checks. */
public final class TopicReader {
    /** Polls that find nothing new before the topic counts as read to its end. */
    private static final int QUIET_POLLS = 3;
    private static final Duration POLL = Duration.ofMillis(300);

    private TopicReader() {
    }

    /** Every committed record on {@code topic}, partition by partition in offset order. */
    public static <V> List<ConsumerRecord<String, V>> readCommitted(String bootstrapServers, String topic,
                                                                   Deserializer<V> values) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            for (int quiet = 0; quiet < QUIET_POLLS; ) {
                ConsumerRecords<String, V> polled = consumer.poll(POLL);
                quiet = polled.isEmpty() && !consumer.assignment().isEmpty() ? quiet + 1 : 0;
                polled.forEach(records::add);
            }
        }
        return records;
    }
}
