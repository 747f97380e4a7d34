package io.facestream.sink;

import io.facestream.recognition.Gallery;
import io.facestream.schemas.AvroSerde;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.sink.alerts.AlertMetrics;
import io.facestream.sink.alerts.AlertSettings;
import io.facestream.sink.alerts.AlertTopology;
import io.facestream.sink.crops.CropJoin;
import io.facestream.sink.crops.FaceCrops;
import io.facestream.sink.json.JsonEvents;
import io.facestream.sink.people.FaceIdentifier;
import io.facestream.sink.people.PeopleGallery;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;

/**
 * The sink's Kafka Streams topology over {@code faces}. Storing the events is not part of it ({@link EventStorage}
 * batches them, which exactly-once Streams cannot); a record that is no face event goes to {@code faces.dlq} here.
 */
public final class SinkTopology {
    static final String FACES = "faces";

    private SinkTopology() {
    }

    public static Topology buildTopology() {
        Topology topology = new Topology();
        topology.addSource(FACES, Serdes.String().deserializer(),
                new AvroSerde<>(FaceDetections.class).deserializer(), Topics.FACES);
        return topology;
    }

    /**
     * The topology above, the aligned face crops, door alerts with the default rules (nobody enrolled) and the JSON
     * view.
     */
    public static Topology buildTopology(FaceCrops crops, MeterRegistry meters) {
        PeopleGallery nobody = new PeopleGallery(List::of);
        return buildTopology(crops, AlertSettings.defaults(), true, meters,
                () -> new FaceIdentifier(nobody, Gallery.DEFAULT_THRESHOLD, false));
    }

    /**
     * The topology above, the aligned face crops of every event with faces (see {@link CropJoin}), door alerts by
     * {@code alerts} (see {@link AlertTopology}) and, with {@code jsonEvents}, the events as JSON on
     * {@code faces.json} (see {@link JsonEvents}); each alert task identifies faces with an identifier of its own.
     */
    public static Topology buildTopology(FaceCrops crops, AlertSettings alerts, boolean jsonEvents,
                                         MeterRegistry meters, Supplier<FaceIdentifier> identifiers) {
        Topology topology = buildTopology();
        CropJoin.addTo(topology, FACES, crops, meters, CropJoin.DEFAULT_WINDOW, CropJoin.DEFAULT_MAX_BUFFER_BYTES);
        AlertTopology.addTo(topology, FACES, alerts, new AlertMetrics(meters), identifiers);
        if (jsonEvents) {
            JsonEvents.addTo(topology, FACES);
        }
        return topology;
    }
}
