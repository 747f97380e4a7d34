package io.facestream.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** SINK_API_TOKEN and SINK_HTTP_HOST. */
class SinkAccessConfigTest {

    @Test
    void withoutATokenTheOpenApiListensOnThisMachineOnly() {
        SinkConfig config = SinkConfig.fromEnvironment(Map.of());

        assertThat(config.apiToken()).isEmpty();
        assertThat(config.httpHost()).isEqualTo("127.0.0.1");
        assertThat(config.toString()).contains("apiToken=none");
        assertThat(SinkConfig.fromEnvironment(Map.of("SINK_API_TOKEN", "")).httpHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void allInterfacesAreTheDefaultWithATokenAndAnExplicitChoiceWithout() {
        assertThat(SinkConfig.fromEnvironment(Map.of("SINK_API_TOKEN", "7f3c9a1e5b2d4c6f8a0b")).httpHost())
                .isEqualTo("0.0.0.0");
        assertThat(SinkConfig.fromEnvironment(Map.of("SINK_HTTP_HOST", "0.0.0.0")).httpHost()).isEqualTo("0.0.0.0");
    }

    @Test
    void aTokenOfSpacesIsRefusedNotTakenForNone() {
        assertThatThrownBy(() -> SinkConfig.fromEnvironment(Map.of("SINK_API_TOKEN", "   ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("SINK_API_TOKEN is blank");
    }

    @Test
    void theTokenIsTakenButNeverPrinted() {
        SinkConfig config = SinkConfig.fromEnvironment(Map.of("SINK_API_TOKEN", " 7f3c9a1e5b2d4c6f8a0b ",
                "SINK_HTTP_HOST", "10.1.2.3"));

        assertThat(config.apiToken()).hasValue("7f3c9a1e5b2d4c6f8a0b");
        assertThat(config.httpHost()).isEqualTo("10.1.2.3");
        assertThat(config.toString()).contains("apiToken=[set]").doesNotContain("7f3c9a1e5b2d4c6f8a0b");
    }

    @Test
    void aWeakTokenIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> SinkConfig.fromEnvironment(Map.of("SINK_API_TOKEN", "secret")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SINK_API_TOKEN")
                .hasMessageNotContaining("secret'");
        assertThatThrownBy(() -> SinkConfig.fromEnvironment(Map.of("SINK_API_TOKEN", "has a space in the middle")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SINK_API_TOKEN");
    }
}
