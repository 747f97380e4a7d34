package io.facestream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void controlTopicsAreCompactedAndFramesShortLived() {
        Map<String, Topics.TopicSpec> specs = Topics.specs(4).stream()
                .collect(Collectors.toMap(Topics.TopicSpec::name, Function.identity()));
        assertThat(specs.get("cameras").configs()).containsEntry("cleanup.policy", "compact");
        assertThat(specs.get("camera-status").configs()).containsEntry("cleanup.policy", "compact");
        assertThat(specs.get("frames").partitions()).isEqualTo(4);
        assertThat(specs.get("faces").partitions()).isEqualTo(4);
        assertThat(Long.parseLong(specs.get("frames").configs().get("retention.ms"))).isLessThanOrEqualTo(3_600_000L);
        assertThat(Integer.parseInt(specs.get("frames").configs().get("max.message.bytes"))).isGreaterThan(5_000_000);
        assertThat(specs).containsKey("frames.dlq");
    }
}
