package io.facestream.sink.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ZoneTest {

    @Test
    void aPointIsInsideATriangleAndOutsideBesideIt() {
        Zone door = new Zone("door", List.of(new Zone.Corner(0, 0), new Zone.Corner(0.5, 0), new Zone.Corner(0, 1)));
        assertThat(door.contains(0.1, 0.2)).isTrue();
        assertThat(door.contains(0.6, 0.5)).isFalse();
    }

    @Test
    void aPolygonOfOneSpotIsRefused() {
        Zone.Corner spot = new Zone.Corner(0.5, 0.5);
        assertThatThrownBy(() -> new Zone("door", List.of(spot, spot, spot)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zone door").hasMessageContaining("no area");
    }
}
