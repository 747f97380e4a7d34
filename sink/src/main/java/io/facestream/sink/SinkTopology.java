package io.facestream.sink;

import io.facestream.schemas.AvroSerde;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.FaceDetections;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;

/** The sink's Kafka Streams topology: {@code faces} → store every event. */
public final class SinkTopology {
    static final String SOURCE = "faces";
    static final String RECORDER = "store-events";

    private SinkTopology() {
    }

    /**
     * Each event is written before its processing returns, so a task never commits an offset past an event that is
     * not in the database. (Writes are not yet batched across records: Kafka Streams 4.4 under exactly-once commits
     * offsets without flushing a store that has no changelog, so a buffer would need its own pre-commit hook.)
     *
     * @param retryTimeout how long a write is retried while the database is down before the task fails
     */
    public static Topology buildTopology(EventStore store, DatabaseStatus status, Duration retryTimeout) {
        EventWriter writer = new EventWriter(store, status, retryTimeout);
        Topology topology = new Topology();
        topology.addSource(SOURCE, Serdes.String().deserializer(),
                new AvroSerde<>(FaceDetections.class).deserializer(), Topics.FACES);
        topology.addProcessor(RECORDER, () -> new EventRecorder(writer), SOURCE);
        return topology;
    }

    private static final class EventRecorder implements Processor<String, FaceDetections, Void, Void> {
        private final EventWriter writer;

        EventRecorder(EventWriter writer) {
            this.writer = writer;
        }

        @Override
        public void process(Record<String, FaceDetections> record) {
            if (record.value() != null) {
                writer.write(List.of(record.value()));
            }
        }
    }
}
