package io.facestream.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facestream.cascade.ImageTooLargeException;
import io.facestream.samples.ForgedJpeg;
import io.facestream.schemas.AvroSerde;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.schemas.avro.Frame;
import io.facestream.schemas.avro.FrameEncoding;
import io.facestream.sink.crops.CropStore;
import io.facestream.sink.crops.FaceCrops;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The join of frames and face events that makes the crops, on Kafka Streams' test driver. */
class CropJoinTest {
    private static final Duration PAST_THE_WINDOW = Duration.ofSeconds(32);

    @TempDir
    Path dataDir;

    private CropStore crops;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, Frame> frames;
    private TestInputTopic<String, FaceDetections> faces;

    @BeforeEach
    void start() {
        crops = CropStore.inDataDir(dataDir);
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "crop-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, dataDir.resolve("streams").toString());
        driver = new TopologyTestDriver(SinkTopology.buildTopology(new FaceCrops(crops), meters), properties);
        frames = driver.createInputTopic(Topics.FRAMES, new StringSerializer(), new AvroSerde<>(Frame.class).serializer());
        faces = driver.createInputTopic(Topics.FACES, new StringSerializer(),
                new AvroSerde<>(FaceDetections.class).serializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aFrameThenItsEventGiveAnAlignedAndAContextCropOfEveryFace() throws IOException {
        frames.pipeInput("door", frame("door", 7));
        faces.pipeInput("door", TestEvents.withFaces("door", 7, 2));

        for (int face = 0; face < 2; face++) {
            BufferedImage aligned = ImageIO.read(crops.find("door", 7, face, CropStore.Kind.ALIGNED).orElseThrow().toFile());
            BufferedImage context = ImageIO.read(crops.find("door", 7, face, CropStore.Kind.CONTEXT).orElseThrow().toFile());
            assertThat(aligned.getWidth()).isEqualTo(112);
            assertThat(aligned.getHeight()).isEqualTo(112);
            assertThat(context.getWidth()).isBetween(40, 70);
        }
        assertThat(cropFiles()).hasSize(4);
        assertThat(counter("sink.crops.faces")).isEqualTo(2);
    }

    @Test
    void anEventBeforeItsFrameWaitsForIt() throws IOException {
        faces.pipeInput("door", TestEvents.withFaces("door", 3, 1));
        assertThat(cropFiles()).isEmpty();

        driver.advanceWallClockTime(Duration.ofSeconds(5));
        frames.pipeInput("door", frame("door", 3));

        assertThat(crops.find("door", 3, 0, CropStore.Kind.ALIGNED)).isPresent();
        assertThat(crops.find("door", 3, 0, CropStore.Kind.CONTEXT)).isPresent();
        assertThat(counter("sink.crops.faces")).isEqualTo(1);
    }

    @Test
    void anEventWhoseFrameNeverComesExpiresAndALateFrameMakesNothing() throws IOException {
        faces.pipeInput("door", TestEvents.withFaces("door", 3, 1));
        driver.advanceWallClockTime(PAST_THE_WINDOW);
        assertThat(counter("sink.crops.events.expired")).isEqualTo(1);

        frames.pipeInput("door", frame("door", 3));
        driver.advanceWallClockTime(PAST_THE_WINDOW);

        assertThat(cropFiles()).isEmpty();
        assertThat(counter("sink.crops.frames.expired")).isEqualTo(1);
    }

    @Test
    void aFrameWithoutFacesOrWithoutEventMakesNoCrop() throws IOException {
        frames.pipeInput("door", frame("door", 1));
        faces.pipeInput("door", TestEvents.empty("door", 1));
        frames.pipeInput("door", frame("door", 2));
        driver.advanceWallClockTime(PAST_THE_WINDOW);

        assertThat(cropFiles()).isEmpty();
        // Frame 1 left at its event; only frame 2, whose event never came, waited the whole window.
        assertThat(counter("sink.crops.frames.expired")).isEqualTo(1);
        assertThat(counter("sink.crops.faces")).isZero();
    }

    @Test
    void framesAndEventsOfOtherCamerasOrSequencesDoNotMatch() throws IOException {
        frames.pipeInput("door", frame("door", 1));
        frames.pipeInput("hall", frame("hall", 2));
        faces.pipeInput("hall", TestEvents.withFaces("hall", 1, 1));
        faces.pipeInput("door", TestEvents.withFaces("door", 2, 1));

        assertThat(cropFiles()).isEmpty();
    }

    @Test
    void aFrameThatIsNoImageIsCountedAndTheStreamGoesOn() throws IOException {
        Frame broken = frame("door", 1);
        broken.setData(ByteBuffer.wrap("not a jpeg".getBytes()));
        frames.pipeInput("door", broken);
        faces.pipeInput("door", TestEvents.withFaces("door", 1, 1));
        frames.pipeInput("door", frame("door", 2));
        faces.pipeInput("door", TestEvents.withFaces("door", 2, 1));

        assertThat(counter("sink.crops.failures")).isEqualTo(1);
        assertThat(crops.find("door", 2, 0, CropStore.Kind.ALIGNED)).isPresent();
    }

    @Test
    void aFrameDeclaringAHugeSizeIsRefusedUndecodedAndTheStreamGoesOn() throws IOException {
        Frame bomb = frame("door", 1);
        bomb.setData(ByteBuffer.wrap(ForgedJpeg.declaring(20_000, 20_000)));
        frames.pipeInput("door", bomb);
        faces.pipeInput("door", TestEvents.withFaces("door", 1, 1));
        frames.pipeInput("door", frame("door", 2));
        faces.pipeInput("door", TestEvents.withFaces("door", 2, 1));

        assertThat(counter("sink.crops.failures")).isEqualTo(1);
        assertThat(crops.find("door", 1, 0, CropStore.Kind.ALIGNED)).isEmpty();
        assertThat(crops.find("door", 2, 0, CropStore.Kind.ALIGNED)).isPresent();
        assertThatThrownBy(() -> new FaceCrops(crops).crop(bomb, TestEvents.withFaces("door", 1, 1)))
                .isInstanceOf(ImageTooLargeException.class)
                .hasMessage("frame door #1: declares 20000 x 20000 pixels, more than the 9000000 allowed");
    }

    @Test
    void aRedeliveredEventLeavesTheSameCrops() throws IOException {
        frames.pipeInput("door", frame("door", 4));
        faces.pipeInput("door", TestEvents.withFaces("door", 4, 1));
        Path aligned = crops.find("door", 4, 0, CropStore.Kind.ALIGNED).orElseThrow();
        byte[] first = Files.readAllBytes(aligned);

        frames.pipeInput("door", frame("door", 4));
        faces.pipeInput("door", TestEvents.withFaces("door", 4, 1));

        assertThat(cropFiles()).hasSize(2);
        assertThat(Files.readAllBytes(aligned)).isEqualTo(first);
    }

    private double counter(String name) {
        return meters.get(name).counter().count();
    }

    private List<Path> cropFiles() throws IOException {
        if (!Files.exists(crops.root())) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(crops.root())) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    /** Frame {@code sequence} of a camera, captured as {@link TestEvents} says, 640x480 JPEG with some structure. */
    static Frame frame(String camera, long sequence) {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D graphics = image.createGraphics();
        for (int x = 0; x < 640; x += 20) {
            graphics.setColor(new Color(x * 255 / 640, 128, 255 - x * 255 / 640));
            graphics.fillRect(x, 0, 20, 480);
        }
        graphics.dispose();
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", jpeg);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        FaceDetections event = TestEvents.empty(camera, sequence);
        return Frame.newBuilder().setCameraId(camera).setSequence(sequence).setCaptureTime(event.getCaptureTime())
                .setIngestTime(event.getIngestTime()).setWidth(640).setHeight(480).setEncoding(FrameEncoding.JPEG)
                .setData(ByteBuffer.wrap(jpeg.toByteArray())).build();
    }
}
