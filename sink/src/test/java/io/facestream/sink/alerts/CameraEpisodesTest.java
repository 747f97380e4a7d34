package io.facestream.sink.alerts;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The episode state as the changelog keeps it. */
class CameraEpisodesTest {
    private final JsonSerde<CameraEpisodes> serde = new JsonSerde<>(CameraEpisodes.class);

    @Test
    void faceTracksComeBackFromTheChangelog() {
        CameraEpisodes episodes = new CameraEpisodes();
        episodes.people("door").computeIfAbsent("1000-0", id -> new EpisodeTrack()).onFrame(1, 1000,
                new EpisodeTrack.BestFace(1, 0, 0.99f, 10, 20, 110, 120, 7L, "Ada", 0.81f), AlertSettings.defaults().defaultRule());

        CameraEpisodes read = serde.deserializer().deserialize("changelog", serde.serializer().serialize("changelog",
                episodes));

        assertThat(read.people()).containsOnlyKeys("door");
        assertThat(read.people().get("door")).containsOnlyKeys("1000-0");
        assertThat(read.people().get("door").get("1000-0").isIdle()).as("its face is in the window").isFalse();
    }

    @Test
    void aValueWrittenBeforePerPersonRulesReadsWithoutFaceTracks() {
        byte[] old = ("{\"zones\":{\"\":{\"recent\":7,\"open\":true,\"runStart\":1000,\"runStartSequence\":1,"
                + "\"best\":{\"sequence\":2,\"faceIndex\":0,\"score\":0.99,\"x1\":10.0,\"y1\":20.0,\"x2\":110.0,"
                + "\"y2\":120.0},\"lastFaceTime\":1400}}}").getBytes(UTF_8);

        CameraEpisodes read = serde.deserializer().deserialize("changelog", old);

        assertThat(read.zones().get(CameraEpisodes.WHOLE_PICTURE).isOpen()).isTrue();
        assertThat(read.people()).isEmpty();
        read.forgetIdlePeople();
        assertThat(read.forgetPeople()).isFalse();
    }
}
