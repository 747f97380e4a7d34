package io.facestream.sink.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.sink.ApiJson;
import io.facestream.sink.StoredEvent;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The JSON view of {@code faces} for clients without Avro: each event, as {@code /api/events} shows it, on
 * {@code faces.json} under the same key. Part of the sink's exactly-once Streams application, so each event is
 * written once and a camera's events keep their order.
 */
public final class JsonEvents {
    static final String NAME = "faces-as-json";
    private static final ObjectWriter WRITER = ApiJson.mapper().writer();

    private JsonEvents() {
    }

    /** Adds the view to {@code topology}, reading the face events from its source node {@code faces}. */
    public static void addTo(Topology topology, String faces) {
        topology.addProcessor(NAME, ToJson::new, faces);
        topology.addSink(Topics.FACES_JSON, Topics.FACES_JSON, Serdes.String().serializer(),
                Serdes.String().serializer(), NAME);
    }

    /** One event as a JSON document. */
    static String toJson(FaceDetections event) {
        try {
            return WRITER.writeValueAsString(StoredEvent.of(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event could not be written as JSON", e);
        }
    }

    private static final class ToJson extends ContextualProcessor<String, FaceDetections, String, String> {
        @Override
        public void process(Record<String, FaceDetections> record) {
            context().forward(record.withValue(toJson(record.value())));
        }
    }
}
