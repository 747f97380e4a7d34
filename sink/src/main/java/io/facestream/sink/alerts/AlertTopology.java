package io.facestream.sink.alerts;

import io.facestream.schemas.AvroSerde;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.Alert;
import io.facestream.schemas.avro.CameraConfig;
import io.facestream.schemas.avro.CameraStatus;
import io.facestream.sink.people.FaceIdentifier;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The door-alert part of the sink's topology: face events and camera status in, alerts out to the {@code alerts}
 * topic, in the same exactly-once transaction as the consumed offsets and the episode state's changelog. Each camera's
 * rules come from the compacted {@code cameras} topic through a global store.
 */
public final class AlertTopology {
    static final String CAMERA_RULES = "alert-camera-rules";
    static final String EPISODES = "alert-episodes";
    static final String CAMERA_STATES = "alert-camera-states";
    static final String FACE_ALERTS = "face-alerts";
    static final String CAMERA_ALERTS = "camera-alerts";
    static final String STATUS_SOURCE = "camera-status";
    static final String ALERTS_SINK = "alerts";

    private AlertTopology() {
    }

    /**
     * Adds the alert nodes to {@code topology}, fed with face events by its node {@code facesSource}; each alert task
     * identifies faces with an identifier of its own from {@code identifiers}.
     */
    public static void addTo(Topology topology, String facesSource, AlertSettings settings, AlertMetrics metrics,
                             Supplier<FaceIdentifier> identifiers) {
        AlertRule defaults = settings.defaultRule();
        AvroSerde<CameraConfig> cameras = new AvroSerde<>(CameraConfig.class);
        // Restored from the topic byte for byte, so the store keeps the CameraConfig as it is on the topic.
        topology.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CAMERA_RULES),
                        Serdes.String(), cameras).withLoggingDisabled(), "cameras",
                Serdes.String().deserializer(), cameras.deserializer(), Topics.CAMERAS, "camera-rules",
                CameraRulesUpdater::new);

        topology.addProcessor(FACE_ALERTS, () -> new FaceAlertProcessor(defaults, settings.silence(), metrics,
                identifiers.get()), facesSource);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EPISODES), Serdes.String(),
                new JsonSerde<>(CameraEpisodes.class)), FACE_ALERTS);

        topology.addSource(STATUS_SOURCE, Serdes.String().deserializer(),
                new AvroSerde<>(CameraStatus.class).deserializer(), Topics.CAMERA_STATUS);
        topology.addProcessor(CAMERA_ALERTS, () -> new CameraStatusAlertProcessor(defaults, metrics), STATUS_SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CAMERA_STATES),
                Serdes.String(), Serdes.String()), CAMERA_ALERTS);

        topology.addSink(ALERTS_SINK, Topics.ALERTS, Serdes.String().serializer(),
                new AvroSerde<>(Alert.class).serializer(), FACE_ALERTS, CAMERA_ALERTS);
    }

    /** Keeps the global store equal to the cameras topic: the latest config per camera, none once removed. */
    private static final class CameraRulesUpdater implements Processor<String, CameraConfig, Void, Void> {
        private KeyValueStore<String, CameraConfig> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(CAMERA_RULES);
        }

        @Override
        public void process(Record<String, CameraConfig> record) {
            if (record.key() == null) {
                return;
            }
            if (record.value() == null) {
                store.delete(record.key());
            } else {
                store.put(record.key(), record.value());
            }
        }
    }
}
