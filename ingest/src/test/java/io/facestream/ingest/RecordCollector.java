package io.facestream.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic from its beginning, keeping every value; {@link #poll()} inside awaitility loops. */
final class RecordCollector<V> implements AutoCloseable {
    private final KafkaConsumer<String, V> consumer;
    private final List<ConsumerRecord<String, V>> records = new ArrayList<>();

    RecordCollector(String bootstrapServers, String topic, Serde<V> serde) {
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), serde.deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads what has arrived and returns everything read so far. */
    List<V> poll() {
        return pollRecords().stream().map(ConsumerRecord::value).toList();
    }

    /** As {@link #poll()}, with each value's partition, key and headers. */
    List<ConsumerRecord<String, V>> pollRecords() {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return List.copyOf(records);
    }

    List<V> poll(Predicate<V> filter) {
        return poll().stream().filter(filter).collect(Collectors.toList());
    }

    @Override
    public void close() {
        consumer.close();
    }
}
