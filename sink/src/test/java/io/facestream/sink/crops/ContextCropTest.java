package io.facestream.sink.crops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.facestream.schemas.avro.BoundingBox;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ContextCropTest {

    @Test
    void theContextCropIsTheGrownBoxClippedToTheFrameAndScaledDown() {
        BufferedImage frame = new BufferedImage(1920, 1080, BufferedImage.TYPE_3BYTE_BGR);

        BufferedImage inside = ContextCrop.context(frame, new BoundingBox(100f, 100f, 200f, 220f));
        BufferedImage atTheEdge = ContextCrop.context(frame, new BoundingBox(0f, 980f, 100f, 1080f));
        BufferedImage large = ContextCrop.context(frame, new BoundingBox(500f, 100f, 1100f, 900f));

        assertThat(new int[] {inside.getWidth(), inside.getHeight()}).containsExactly(150, 180);
        assertThat(new int[] {atTheEdge.getWidth(), atTheEdge.getHeight()}).containsExactly(125, 125);
        assertThat(Math.max(large.getWidth(), large.getHeight())).isEqualTo(ContextCrop.CONTEXT_MAX_SIDE);
        assertThat((double) large.getWidth() / large.getHeight()).isCloseTo(900.0 / 1080, within(0.01));
    }
}
