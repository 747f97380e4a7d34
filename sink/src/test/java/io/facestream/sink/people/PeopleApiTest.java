package io.facestream.sink.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facestream.cascade.RgbImage;
import io.facestream.samples.SamplePhoto;
import io.facestream.schemas.Topics;
import io.facestream.sink.SinkOnBroker;
import io.facestream.sink.live.LiveRecords;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.RescaleOp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gallery's API on a real sink and broker, with real photos: a person enrolled from one photo is recognised in a
 * changed frame of it that a worker would send, strangers are not, and bad uploads are refused with a reason.
 */
class PeopleApiTest {
    @TempDir
    static Path dataDir;
    private static SinkOnBroker sink;
    private static WorkerFaces worker;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() {
        sink = SinkOnBroker.start(dataDir);
        worker = new WorkerFaces();
    }

    @AfterAll
    static void stop() {
        if (sink != null) {
            sink.close();
        }
        if (worker != null) {
            worker.close();
        }
    }

    @Test
    void aPersonEnrolledFromAPhotoIsNamedInLaterEventsUntilDeleted() throws Exception {
        long eileen = addPerson("Eileen");
        HttpResponse<String> enrolled = sink.send("POST", "/api/people/" + eileen + "/faces", "image/png",
                Files.readAllBytes(SamplePhoto.ASTRONAUT.path()));
        assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);

        // A camera's frame of her: smaller, turned by 10 degrees, brighter; and a stranger from another photo.
        BufferedImage frame = changed(ImageIO.read(SamplePhoto.ASTRONAUT.path().toFile()));
        sink.publish(Topics.FRAMES, "door", LiveRecords.frame("door", 1, jpeg(frame), frame.getWidth(),
                frame.getHeight()));
        sink.publish(Topics.FACES, "door", LiveRecords.detections("door", 1, frame.getWidth(), frame.getHeight(),
                worker.best(RgbImage.of(frame), true)));
        RgbImage strangers = RgbImage.read(SamplePhoto.MULTIFACE.path());
        sink.publish(Topics.FACES, "door", LiveRecords.detections("door", 2, strangers.width(), strangers.height(),
                worker.best(strangers, true)));

        JsonNode events = awaitEvents("door", 2);
        JsonNode her = events.get(1).get("faces").get(0);
        assertThat(her.get("person").asText()).isEqualTo("Eileen");
        assertThat(her.get("personId").asLong()).isEqualTo(eileen);
        assertThat(her.get("similarity").floatValue()).isGreaterThan(0.6f);
        JsonNode stranger = events.get(0).get("faces").get(0);
        assertThat(stranger.get("person").isNull()).isTrue();
        assertThat(stranger.get("similarity").floatValue()).isLessThan(0.6f);

        assertThat(sink.send("DELETE", "/api/people/" + eileen, null).statusCode()).isEqualTo(204);
        assertThat(sink.get("/api/people/" + eileen).statusCode()).isEqualTo(404);
        assertThat(sink.send("DELETE", "/api/people/" + eileen, null).statusCode()).isEqualTo(404);
        assertThat(awaitEvents("door", 2).get(1).get("faces").get(0).get("person").isNull()).isTrue();
    }

    @Test
    void aFaceTheSinkStoredIsEnrolledWithOneRequestAndCanBeRemoved() throws Exception {
        RgbImage photo = RgbImage.read(SamplePhoto.ASTRONAUT.path());
        BufferedImage frame = photo.toBufferedImage();
        sink.publish(Topics.FRAMES, "hall", LiveRecords.frame("hall", 7, jpeg(frame), frame.getWidth(),
                frame.getHeight()));
        sink.publish(Topics.FACES, "hall", LiveRecords.detections("hall", 7, frame.getWidth(), frame.getHeight(),
                worker.best(photo, false)));
        long visitor = addPerson("Visitor");
        String storedFace = "{\"camera\": \"hall\", \"sequence\": 7, \"face\": 0}";

        // The crop is written by the sink's stream once frame and event have met.
        await().atMost(Duration.ofSeconds(30)).until(() ->
                sink.send("POST", "/api/people/" + visitor + "/faces", storedFace).statusCode() == 201);

        JsonNode person = json.readTree(sink.get("/api/people/" + visitor).body());
        JsonNode face = person.get("faces").get(0);
        assertThat(face.get("source").get("camera").asText()).isEqualTo("hall");
        assertThat(face.get("source").get("sequence").asLong()).isEqualTo(7);
        assertThat(person.toString()).doesNotContain("embedding");
        String facePath = "/api/people/" + visitor + "/faces/" + face.get("id").asLong();
        assertThat(sink.send("DELETE", facePath, null).statusCode()).isEqualTo(204);
        assertThat(sink.send("DELETE", facePath, null).statusCode()).isEqualTo(404);
        assertThat(json.readTree(sink.get("/api/people/" + visitor).body()).get("faces")).isEmpty();
        assertThat(sink.send("POST", "/api/people/" + visitor + "/faces",
                "{\"camera\": \"hall\", \"sequence\": 8, \"face\": 0}").statusCode()).isEqualTo(404);
    }

    @Test
    void badUploadsAreRefusedWithTheReason() throws Exception {
        long id = addPerson("Grace");
        String faces = "/api/people/" + id + "/faces";

        assertRefused(sink.send("POST", faces, "image/jpeg", "not a photo at all".getBytes()), 400, "not an image");
        assertRefused(sink.send("POST", faces, "image/png", Files.readAllBytes(SamplePhoto.COFFEE.path())), 400,
                "exactly one face to enrol, found 0");
        assertRefused(sink.send("POST", faces, "image/jpeg", Files.readAllBytes(SamplePhoto.MULTIFACE.path())), 400,
                "exactly one face to enrol, found ");
        assertThat(announcedOnly("POST", faces, "image/jpeg", 20 * 1024 * 1024))
                .startsWith("HTTP/1.1 413 ").contains("at most 10485760");
        assertRefused(sink.send("POST", faces, "text/plain", "hello".getBytes()), 415, "Content-Type image/jpeg");
        assertRefused(sink.send("POST", faces, "{\"camera\": \"hall\"}"), 400, "camera, sequence and face");
        assertRefused(sink.send("POST", "/api/people/424242/faces", "image/png",
                Files.readAllBytes(SamplePhoto.ASTRONAUT.path())), 404, "no person 424242");
        assertRefused(sink.send("POST", "/api/people", "{\"note\": \"no name\"}"), 400, "name must not be empty");
        assertRefused(sink.send("POST", "/api/people", "[1, 2"), 400, "JSON object");
        assertRefused(sink.get("/api/people/ada"), 400, "id must be a whole number");
        assertThat(json.readTree(sink.get("/api/people/" + id).body()).get("faces")).isEmpty();
    }

    private long addPerson(String name) throws Exception {
        HttpResponse<String> created = sink.send("POST", "/api/people", "{\"name\": \"" + name + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).get("id").asLong();
    }

    private JsonNode awaitEvents(String camera, int count) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                json.readTree(sink.get("/api/events?camera=" + camera).body()).size() == count);
        return json.readTree(sink.get("/api/events?camera=" + camera).body());
    }

    private void assertRefused(HttpResponse<String> response, int status, String reason) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(json.readTree(response.body()).get("error").asText()).contains(reason);
    }

    /**
     * The raw response to a request that announces a body of {@code length} bytes and sends none of it. The sink
     * refuses a photo too large from its Content-Length alone; sending the body as well would race that refusal,
     * which can then reach the client as a closed connection instead of a 413.
     */
    private static String announcedOnly(String method, String path, String contentType, long length)
            throws IOException {
        URI uri = URI.create(sink.url(path));
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            String head = method + " " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + length
                    + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The photo at 80%, turned by 10 degrees about its centre and 20 levels brighter. */
    private static BufferedImage changed(BufferedImage photo) {
        int width = photo.getWidth() * 4 / 5;
        int height = photo.getHeight() * 4 / 5;
        BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.rotate(Math.toRadians(10), width / 2.0, height / 2.0);
        g.drawImage(photo, 0, 0, width, height, null);
        g.dispose();
        return new RescaleOp(1f, 20f, null).filter(frame, null);
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }
}
