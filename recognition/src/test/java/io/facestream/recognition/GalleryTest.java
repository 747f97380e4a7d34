package io.facestream.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GalleryTest {

    /** A unit vector along {@code axis}, tilted towards the next axis by {@code tilt}. */
    private static float[] direction(int axis, float tilt) {
        float[] v = new float[FaceEmbedder.DIMENSIONS];
        v[axis] = (float) Math.cos(tilt);
        v[axis + 1] = (float) Math.sin(tilt);
        return v;
    }

    @Test
    void theBestMatchIsThePersonWithTheMostSimilarSingleEmbedding() {
        Gallery<String> gallery = new Gallery<>();
        gallery.add("ada", direction(0, 0f));
        gallery.add("ada", direction(10, 0f));
        gallery.add("grace", direction(20, 0f));

        assertThat(gallery.best(direction(10, 0.3f))).hasValueSatisfying(match -> {
            assertThat(match.person()).isEqualTo("ada");
            assertThat(match.similarity()).isEqualTo((float) Math.cos(0.3f));
        });
        assertThat(gallery.best(direction(20, 1.2f)).orElseThrow().person()).isEqualTo("grace");
        assertThat(gallery.size()).isEqualTo(3);
    }

    @Test
    void aFaceUnlikeEveryoneStillGetsItsBestMatchWithItsLowSimilarity() {
        Gallery<String> gallery = new Gallery<>();
        gallery.add("ada", direction(0, 0f));

        assertThat(gallery.best(direction(50, 0f))).hasValueSatisfying(
                match -> assertThat(match.similarity()).isZero());
        assertThat(new Gallery<String>().best(direction(0, 0f))).isEmpty();
    }

    @Test
    void anEmbeddingOfTheWrongLengthIsRefused() {
        assertThatThrownBy(() -> new Gallery<String>().add("ada", new float[128]))
                .hasMessageContaining("192").hasMessageContaining("128");
    }
}
