package io.facestream.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.facestream.schemas.Topics;
import io.facestream.schemas.Topics.TopicSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events go to the faces partition of their frame's number, so faces needs as many partitions as frames. */
class FacesPartitionsTest {
    @TempDir
    Path dataDir;

    @Test
    void workerStopsWhenFacesHasFewerPartitionsThanFrames() {
        List<TopicSpec> topics = Topics.specs(4).stream()
                .map(spec -> spec.name().equals(Topics.FACES) ? new TopicSpec(spec.name(), 2, spec.configs()) : spec)
                .toList();
        try (KafkaFixture kafka = new KafkaFixture(dataDir, topics);
             WorkerService workers = WorkerService.start(DetectorWorkerTest.config("w1"), kafka.settings(), 1)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !workers.workers().get(0).isAlive());
        }
    }
}
