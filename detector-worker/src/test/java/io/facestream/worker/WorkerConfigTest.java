package io.facestream.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facestream.blazeface.DetectorModel;
import io.facestream.cascade.ExecutionProvider;
import io.facestream.schemas.DetectionSettingsJson;
import io.facestream.schemas.KafkaSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

class WorkerConfigTest {

    @Test
    void defaultsWorkForTheLocalRun() {
        WorkerConfig config = WorkerConfig.fromEnvironment(Map.of());
        assertThat(config.groupId()).isEqualTo("face-stream-detectors");
        assertThat(config.maxBatchSize()).isPositive();
        assertThat(config.maxFrameAge()).isPositive();
        assertThat(config.maxFramePixels()).as("4K UHD fits").isGreaterThan(3840 * 2160).isEqualTo(9_000_000);
        assertThat(config.detector().minFaceSize()).isEqualTo(20);
        assertThat(config.workerId()).isNotBlank();
        assertThat(config.tracker().tracking()).isTrue();
        assertThat(config.embeddings()).isTrue();
        assertThat(config.embeddingInterval()).isEqualTo(java.time.Duration.ofSeconds(2));
    }

    @Test
    void embeddingsCanBeTurnedOffAndTheirIntervalSetWithBadValuesNamed() {
        WorkerConfig config = WorkerConfig.fromEnvironment(Map.of("WORKER_EMBEDDINGS", "false",
                "WORKER_EMBEDDING_INTERVAL_MS", "500"));
        assertThat(config.embeddings()).isFalse();
        assertThat(config.embeddingInterval()).isEqualTo(java.time.Duration.ofMillis(500));
        assertThatThrownBy(() -> WorkerConfig.fromEnvironment(Map.of("WORKER_EMBEDDING_INTERVAL_MS", "-1")))
                .hasMessageContaining("WORKER_EMBEDDING_INTERVAL_MS");
    }

    @Test
    void trackingIsTrueOrFalseAndABadValueNamesTheVariable() {
        assertThat(WorkerConfig.fromEnvironment(Map.of("WORKER_TRACKING", "FALSE")).tracker().tracking()).isFalse();
        assertThatThrownBy(() -> WorkerConfig.fromEnvironment(Map.of("WORKER_TRACKING", "maybe")))
                .hasMessage("WORKER_TRACKING must be true or false, got 'maybe'");
    }

    @Test
    void variablesOverrideDefaults() {
        WorkerConfig config = WorkerConfig.fromEnvironment(Map.of("WORKER_ID", "w7", "WORKER_MAX_BATCH", "4",
                "WORKER_MAX_FRAME_AGE_MS", "0", "DETECTOR_PROVIDER", "cpu", "DETECTOR_MIN_FACE_SIZE", "40",
                "WORKER_MAX_FRAME_PIXELS", "2000000"));
        assertThat(config.workerId()).isEqualTo("w7");
        assertThat(config.maxBatchSize()).isEqualTo(4);
        assertThat(config.maxFrameAge()).isEqualTo(Duration.ZERO);
        assertThat(config.maxFramePixels()).isEqualTo(2_000_000);
        assertThat(config.detector().provider()).isEqualTo(ExecutionProvider.CPU);
        assertThat(config.detector().minFaceSize()).isEqualTo(40);
    }

    @Test
    void workersUseTheConsumerGroupProtocolUnlessTheClusterLacksIt() {
        WorkerConfig config = WorkerConfig.fromEnvironment(Map.of());
        Map<String, Object> consumer = DetectorWorker.consumerConfig(config, KafkaSettings.fromEnvironment(Map.of()));
        Map<String, Object> classic = DetectorWorker.consumerConfig(config,
                KafkaSettings.fromEnvironment(Map.of("KAFKA_CLIENT_GROUP_PROTOCOL", "classic")));
        assertThat(consumer).containsEntry("group.protocol", "consumer");
        assertThat(classic).containsEntry("group.protocol", "classic")
                .containsEntry("partition.assignment.strategy", CooperativeStickyAssignor.class.getName());
        // The client refuses settings its protocol does not take (such as an assignor for the consumer protocol).
        for (Map<String, Object> settings : List.of(consumer, classic)) {
            new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer()).close();
        }
    }

    @Test
    void badNumberNamesTheVariable() {
        assertThatThrownBy(() -> WorkerConfig.fromEnvironment(Map.of("WORKER_MAX_BATCH", "many")))
                .hasMessageContaining("WORKER_MAX_BATCH").hasMessageContaining("many");
        assertThatThrownBy(() -> WorkerConfig.fromEnvironment(Map.of("WORKER_MAX_BATCH", "0")))
                .hasMessageContaining("WORKER_MAX_BATCH must be an integer >= 1");
    }

    @Test
    void theModelIsMtcnnUnlessAnotherIsChosenAndAnUnknownOneIsRefusedNamingTheVariable() {
        assertThat(WorkerConfig.fromEnvironment(Map.of()).model()).isEqualTo(DetectorModel.MTCNN);
        assertThat(WorkerConfig.fromEnvironment(Map.of("DETECTOR_MODEL", "blazeface+onet")).model())
                .isEqualTo(DetectorModel.BLAZEFACE_ONET);
        assertThat(WorkerConfig.fromEnvironment(Map.of("DETECTOR_MODEL", "BlazeFace")).model())
                .isEqualTo(DetectorModel.BLAZEFACE);
        assertThatThrownBy(() -> WorkerConfig.fromEnvironment(Map.of("DETECTOR_MODEL", "retinaface")))
                .hasMessage("DETECTOR_MODEL: unknown detector model 'retinaface'; choose one of mtcnn, blazeface, "
                        + "blazeface+onet");
    }

    @Test
    void aCameraMayNameExactlyTheModelsAWorkerRuns() {
        // The schemas module cannot see DetectorModel, so the camera settings keep their own list: this keeps it true.
        assertThat(DetectionSettingsJson.MODELS).containsExactlyElementsOf(Arrays.stream(DetectorModel.values())
                .map(DetectorModel::label).toList());
    }

    @Test
    void badProviderListsTheAcceptedValues() {
        assertThatThrownBy(() -> WorkerConfig.fromEnvironment(Map.of("DETECTOR_PROVIDER", "tpu")))
                .hasMessageContaining("DETECTOR_PROVIDER must be one of auto, cpu, cuda");
    }
}
