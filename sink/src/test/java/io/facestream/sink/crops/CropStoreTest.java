package io.facestream.sink.crops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CropStoreTest {
    private static final Instant MONDAY = Instant.parse("2026-03-02T23:59:59.500Z");
    private static final Instant TUESDAY = Instant.parse("2026-03-03T00:00:00.250Z");

    @TempDir
    Path root;

    @Test
    void aCropLiesUnderItsCaptureDayAndIsFoundWithoutIt() throws IOException {
        CropStore store = new CropStore(root);
        store.write("door", 41, 0, CropStore.Kind.ALIGNED, MONDAY, image(112, 112));
        store.write("door", 42, 1, CropStore.Kind.CONTEXT, TUESDAY, image(60, 80));

        Path monday = store.find("door", 41, 0, CropStore.Kind.ALIGNED).orElseThrow();
        Path tuesday = store.find("door", 42, 1, CropStore.Kind.CONTEXT).orElseThrow();

        assertThat(root.relativize(monday)).hasToString("door/2026-03-02/41-0-aligned.jpg");
        assertThat(root.relativize(tuesday)).hasToString("door/2026-03-03/42-1-context.jpg");
        assertThat(Files.getLastModifiedTime(tuesday).toInstant()).isEqualTo(TUESDAY);
        assertThat(ImageIO.read(tuesday.toFile()).getHeight()).isEqualTo(80);
        assertThat(store.find("door", 42, 1, CropStore.Kind.ALIGNED)).isEmpty();
        assertThat(store.find("hall", 42, 1, CropStore.Kind.CONTEXT)).isEmpty();
    }

    @Test
    void writingTheSameCropAgainKeepsTheFirstFileAndLeavesNoPartialFile() throws IOException {
        CropStore store = new CropStore(root);

        assertThat(store.write("door", 1, 0, CropStore.Kind.ALIGNED, MONDAY, image(112, 112))).isTrue();
        assertThat(store.write("door", 1, 0, CropStore.Kind.ALIGNED, MONDAY, image(50, 50))).isFalse();

        assertThat(files()).singleElement().satisfies(file -> assertThat(ImageIO.read(file.toFile()).getWidth())
                .isEqualTo(112));
    }

    @Test
    void deletingARangeCutsThroughADayByCaptureTime() throws IOException {
        CropStore store = new CropStore(root);
        for (int second = 0; second < 6; second++) {
            store.write("door", second, 0, CropStore.Kind.ALIGNED, TUESDAY.plusSeconds(second), image(8, 8));
        }
        store.write("door", 99, 0, CropStore.Kind.ALIGNED, MONDAY, image(8, 8));

        long deleted = store.delete(Optional.empty(), Optional.of(TUESDAY.plusSeconds(2)),
                Optional.of(TUESDAY.plusSeconds(4)));

        assertThat(deleted).isEqualTo(2);
        assertThat(files()).extracting(file -> file.getFileName().toString()).containsExactlyInAnyOrder(
                "0-0-aligned.jpg", "1-0-aligned.jpg", "4-0-aligned.jpg", "5-0-aligned.jpg", "99-0-aligned.jpg");
    }

    @Test
    void badCameraIdsSequencesAndFacesAreRefusedByName() {
        CropStore store = new CropStore(root);

        assertThatThrownBy(() -> store.find("../etc", 1, 0, CropStore.Kind.ALIGNED)).hasMessageContaining("camera");
        assertThatThrownBy(() -> store.find("..", 1, 0, CropStore.Kind.ALIGNED)).hasMessageContaining("camera");
        assertThatThrownBy(() -> store.find("door", -1, 0, CropStore.Kind.ALIGNED)).hasMessageContaining("sequence");
        assertThatThrownBy(() -> store.find("door", 1, -2, CropStore.Kind.ALIGNED)).hasMessageContaining("face");
        assertThatThrownBy(() -> CropStore.Kind.parse("kind", "side")).hasMessageContaining("kind");
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static BufferedImage image(int width, int height) {
        return new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    }
}
