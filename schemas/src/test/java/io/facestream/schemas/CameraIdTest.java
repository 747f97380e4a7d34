package io.facestream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CameraIdTest {

    @Test
    void idsStartWithALetterOrDigit() {
        for (String id : new String[] {"door", "Cam-01", "lobby.north_2", "7", "a".repeat(128)}) {
            assertThat(CameraId.isValid(id)).as(id).isTrue();
        }
        for (String id : new String[] {".", "..", "...", ".hidden", "-x", "_x", "", "a b", "a/b", "a".repeat(129)}) {
            assertThat(CameraId.isValid(id)).as(id).isFalse();
        }
        assertThat(CameraId.isValid(null)).isFalse();
    }

    @Test
    void anInvalidIdNamesTheField() {
        assertThatThrownBy(() -> CameraId.require("id", ".."))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("id"))
                .hasMessage("id must be " + CameraId.RULE + ", not '..'");
    }
}
