package io.facestream.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facestream.cascade.DetectorOptions;
import io.facestream.cascade.Face;
import io.facestream.cascade.FaceDetector;
import io.facestream.cascade.RgbImage;
import io.facestream.samples.SamplePhoto;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.BoundingBox;
import io.facestream.schemas.avro.DetectedFace;
import io.facestream.schemas.avro.DetectionStatus;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.schemas.avro.Frame;
import io.facestream.schemas.avro.FrameEncoding;
import io.facestream.schemas.avro.Landmark;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crops and deletion through the whole sink on a real broker: a real photo as a JPEG frame and its real detection in,
 * crop files served over REST, and deletion calls that leave nothing of what they name in the database or on disk.
 */
class SinkCropsServiceTest {
    @TempDir
    static Path dataDir;

    private static SinkOnBroker pipeline;
    private static byte[] jpeg;
    private static List<Face> astronaut;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        BufferedImage photo = RgbImage.read(SamplePhoto.ASTRONAUT.path()).toBufferedImage();
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        ImageIO.write(photo, "jpg", encoded);
        jpeg = encoded.toByteArray();
        try (FaceDetector detector = FaceDetector.create(DetectorOptions.builder().threads(1).build())) {
            astronaut = detector.detect(RgbImage.of(ImageIO.read(new ByteArrayInputStream(jpeg))));
        }
        assertThat(astronaut).hasSize(1);

        pipeline = SinkOnBroker.start(dataDir);
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void aDetectedFaceGetsAlignedAndContextCropsServedByTheApi() throws Exception {
        Instant captured = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        send("porch", 1, captured);

        HttpResponse<byte[]> aligned = awaitCrop("/api/crops/porch/1/0");
        HttpResponse<byte[]> context = request("/api/crops/porch/1/0?kind=context");

        assertThat(aligned.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("image/jpeg"));
        BufferedImage alignedImage = ImageIO.read(new ByteArrayInputStream(aligned.body()));
        assertThat(alignedImage.getWidth()).isEqualTo(112);
        assertThat(alignedImage.getHeight()).isEqualTo(112);
        assertThat(context.statusCode()).isEqualTo(200);
        BufferedImage contextImage = ImageIO.read(new ByteArrayInputStream(context.body()));
        // The astronaut's box is about 86 pixels wide: grown by half, within the 512-pixel photo.
        assertThat(contextImage.getWidth()).isBetween(110, 150);
        assertThat(pipeline.sink().meters().get("sink.crops.faces").counter().count()).isGreaterThanOrEqualTo(1);

        assertThat(request("/api/crops/porch/1/1").statusCode()).isEqualTo(404);
        assertThat(request("/api/crops/porch/2/0").statusCode()).isEqualTo(404);
        assertBadRequestNaming("/api/crops/porch/one/0", "sequence");
        assertBadRequestNaming("/api/crops/porch/1/-1", "face");
        assertBadRequestNaming("/api/crops/porch/1/0?kind=side", "kind");
        assertBadRequestNaming("/api/crops/a%20b/1/0", "camera");
        // Whoever refuses it, the server or the camera check, no file outside the crop folder is served.
        assertThat(request("/api/crops/..%2F..%2Fsink/1/0").statusCode()).isIn(400, 404);
    }

    @Test
    void deletingACameraLeavesNothingOfItAndKeepsTheOthers() throws Exception {
        Instant captured = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        send("front", 1, captured);
        send("front", 2, captured.plusSeconds(1));
        send("back", 1, captured);
        awaitCrop("/api/crops/front/2/0");
        awaitCrop("/api/crops/back/1/0");

        JsonNode answer = json.readTree(call("DELETE", "/api/cameras/front/data").body());

        assertThat(answer.at("/deleted/events").asLong()).isEqualTo(2);
        assertThat(answer.at("/deleted/faces").asLong()).isEqualTo(2);
        assertThat(answer.at("/deleted/cropFiles").asLong()).isEqualTo(4);
        assertThat(rows("events", "front")).isZero();
        assertThat(rows("faces", "front")).isZero();
        assertThat(cropFiles("front")).isEmpty();
        assertThat(request("/api/crops/front/1/0").statusCode()).isEqualTo(404);
        assertThat(rows("events", "back")).isEqualTo(1);
        assertThat(rows("faces", "back")).isEqualTo(1);
        assertThat(cropFiles("back")).hasSize(2);
    }

    @Test
    void deletingATimeRangeTakesOnlyWhatWasCapturedInIt() throws Exception {
        Instant captured = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        send("yard", 1, captured.minusSeconds(120));
        send("yard", 2, captured);
        send("yard", 3, captured.plusSeconds(120));
        awaitCrop("/api/crops/yard/3/0");

        HttpResponse<byte[]> response = call("DELETE", "/api/events?camera=yard&from=" + captured.minusSeconds(60)
                + "&to=" + captured.plusSeconds(60));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = json.readTree(response.body());
        assertThat(answer.at("/deleted/events").asLong()).isEqualTo(1);
        assertThat(answer.at("/deleted/cropFiles").asLong()).isEqualTo(2);
        assertThat(rows("events", "yard")).isEqualTo(2);
        assertThat(request("/api/crops/yard/2/0").statusCode()).isEqualTo(404);
        assertThat(request("/api/crops/yard/1/0").statusCode()).isEqualTo(200);
        assertThat(request("/api/crops/yard/3/0").statusCode()).isEqualTo(200);
        assertThat(call("DELETE", "/api/events").statusCode()).isEqualTo(400);
        assertThat(call("DELETE", "/api/events?from=soon").statusCode()).isEqualTo(400);
        HttpResponse<byte[]> earliest = call("DELETE", "/api/events?camera=yard&from=-1000000000-01-01T00:00:00Z");
        assertThat(earliest.statusCode()).isEqualTo(400);
        assertThat(json.readTree(earliest.body()).get("error").asText()).startsWith("from ");
        assertThat(rows("events", "yard")).isEqualTo(2);
    }

    /** The astronaut photo as frame {@code sequence} of {@code camera}, then its detection, as ingest and a worker do. */
    private static void send(String camera, long sequence, Instant captured) throws Exception {
        Frame frame = Frame.newBuilder().setCameraId(camera).setSequence(sequence).setCaptureTime(captured)
                .setIngestTime(captured).setWidth(512).setHeight(512).setEncoding(FrameEncoding.JPEG)
                .setData(ByteBuffer.wrap(jpeg)).build();
        List<DetectedFace> faces = astronaut.stream().map(face -> new DetectedFace(
                new BoundingBox(face.box().x1(), face.box().y1(), face.box().x2(), face.box().y2()), face.score(),
                face.landmarks().stream().map(point -> new Landmark(point.x(), point.y())).toList(), null, null)).toList();
        FaceDetections event = FaceDetections.newBuilder().setCameraId(camera).setSequence(sequence)
                .setCaptureTime(captured).setIngestTime(captured).setDetectTime(captured.plusMillis(80)).setWidth(512)
                .setHeight(512).setWorkerId("test").setStatus(DetectionStatus.OK).setFaces(faces).build();
        pipeline.publish(Topics.FRAMES, camera, frame);
        TestEvents.sendInOneTransaction(pipeline.bootstrapServers(), List.of(event));
    }

    /** The aligned crop at {@code path}, once it and the context crop (written after it) are both there. */
    private HttpResponse<byte[]> awaitCrop(String path) {
        await().atMost(Duration.ofSeconds(60)).until(() -> request(path + "?kind=context").statusCode() == 200);
        return await().atMost(Duration.ofSeconds(5)).until(() -> request(path), response -> response.statusCode() == 200);
    }

    private void assertBadRequestNaming(String path, String parameter) throws Exception {
        HttpResponse<byte[]> response = request(path);
        assertThat(response.statusCode()).as(path).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("error").asText()).as(path).contains(parameter);
    }

    /** Rows of a camera in a table of the sink's database, counted by SQL. */
    private static long rows(String table, String camera) throws Exception {
        try (Connection connection = DriverManager.getConnection(
                JdbcEventStore.embeddedUrl(dataDir.resolve("sink").resolve("db")));
             PreparedStatement count = connection.prepareStatement(
                     "SELECT COUNT(*) FROM " + table + " WHERE camera_id = ?")) {
            count.setString(1, camera);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private static List<Path> cropFiles(String camera) throws Exception {
        Path folder = dataDir.resolve("sink").resolve("crops").resolve(camera);
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private HttpResponse<byte[]> request(String path) throws Exception {
        return call("GET", path);
    }

    private HttpResponse<byte[]> call(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(pipeline.url(path)))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
