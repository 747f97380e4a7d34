package io.facestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facestream.broker.TopicReader;
import io.facestream.ingest.Camera;
import io.facestream.ingest.DemoVideo;
import io.facestream.schemas.AvroSerde;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.DetectionStatus;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.worker.WorkerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: a video file decoded by FFmpeg, through ingest and a worker, to one face event per frame; and the
 * README's example subscribers (Java, Python with Avro, Python with JSON) read every one of them.
 */
class LocalPipelineTest {
    private static final int FPS = 5;
    private static final Duration VIDEO = Duration.ofSeconds(8);
    private static final Path EXAMPLES = Path.of("..", "examples");
    /** Debian's interpreter: the Debian packages python3-confluent-kafka and python3-avro are installed for it. */
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    static Path dataDir;

    private static LocalCommand.LocalPipeline pipeline;
    private static List<FaceDetections> events;

    @BeforeAll
    static void runTheVideoThroughThePipeline() throws Exception {
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path video = dataDir.resolve("door.mp4");
        DemoVideo.write(video, DemoVideo.WIDTH, DemoVideo.HEIGHT, DemoVideo.FPS, VIDEO);
        Camera door = Camera.of("door", video.toString()).withFps(FPS);
        // Every frame is detected, however slowly a loaded machine runs: this is about gaps, not latency.
        WorkerConfig worker = WorkerConfig.fromEnvironment(Map.of("WORKER_HTTP_PORT", "0", "WORKER_MAX_FRAME_AGE_MS", "0"));
        pipeline = LocalCommand.LocalPipeline.start(dataDir, 0, List.of(door), worker, 1, 0);
        long expected = VIDEO.toSeconds() * FPS;
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> faceEvents(pipeline.bootstrapServers()), e -> e.size() >= expected - 1);
        Thread.sleep(3_000);
        events = faceEvents(pipeline.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void videoFileBecomesOneFaceEventPerSampledFrameWithoutGaps() throws IOException {
        long expected = VIDEO.toSeconds() * FPS;
        assertThat((long) events.size()).isBetween(expected - 1, expected + 1);
        long first = events.get(0).getSequence();
        assertThat(events).extracting(FaceDetections::getSequence)
                .containsExactlyElementsOf(LongStream.range(first, first + events.size()).boxed().toList());
        assertThat(events).allMatch(e -> e.getStatus() == DetectionStatus.OK && e.getCameraId().equals("door"));
        long withFaces = events.stream().filter(e -> !e.getFaces().isEmpty()).count();
        assertThat(withFaces).as("frames with people").isGreaterThan(events.size() / 3);
        assertThat(events.size() - withFaces).as("frames with nobody").isPositive();
        assertStoredBySink(pipeline.sink().httpPort(), events.size());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)))
                .as("the broker's files hold camera passwords").isEqualTo("rwx------");
    }

    @Test
    void theJavaSubscriberOfTheReadmeReadsEveryEventInOrder() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> lines = run(List.of(java, "-cp", System.getProperty("java.class.path"),
                EXAMPLES.resolve("java/ReadFaceEvents.java").toString(), pipeline.bootstrapServers(), "10"));

        Pattern event = Pattern.compile("^door #(\\d+) \\S+ (\\w+) (\\d+) face\\(s\\)");
        List<Matcher> read = lines.stream().map(event::matcher).filter(Matcher::find).toList();
        assertThat(read).extracting(line -> Long.parseLong(line.group(1))).containsExactlyElementsOf(sequences());
        assertThat(read).extracting(line -> line.group(2))
                .containsExactlyElementsOf(events.stream().map(e -> e.getStatus().name()).toList());
        assertThat(read).extracting(line -> Integer.parseInt(line.group(3))).containsExactlyElementsOf(faceCounts());
    }

    @Test
    void thePythonSubscribersOfTheReadmeReadEveryEventInOrderFromAvroAndFromJson() throws Exception {
        Assumptions.assumeTrue(pythonModules("confluent_kafka", "avro"), "PYTHON SUBSCRIBER TESTS DID NOT RUN: "
                + PYTHON + " lacks Debian's python3-confluent-kafka and python3-avro (apt-get install them)");

        List<JsonNode> avro = jsonLines(run(List.of(PYTHON.toString(), EXAMPLES.resolve("python/read_faces.py").toString(),
                "--bootstrap", pipeline.bootstrapServers(), "--schemas", Path.of("..", "schemas", "src", "main").toString(),
                "--idle-seconds", "10")));
        List<JsonNode> json = jsonLines(run(List.of(PYTHON.toString(),
                EXAMPLES.resolve("python/read_faces_json.py").toString(), "--bootstrap", pipeline.bootstrapServers(),
                "--idle-seconds", "10")));

        for (List<JsonNode> read : List.of(avro, json)) {
            assertThat(read).allMatch(event -> event.get("camera").asText().equals("door"));
            assertThat(read).extracting(event -> event.get("sequence").asLong()).containsExactlyElementsOf(sequences());
            assertThat(read).extracting(event -> event.get("faces").size()).containsExactlyElementsOf(faceCounts());
            assertThat(read).extracting(event -> event.get("captureTime").asText())
                    .allMatch(time -> time.startsWith(events.get(0).getCaptureTime().toString().substring(0, 10)));
        }
        assertThat(avro.get(firstWithFaces()).at("/faces/0/box/0").floatValue())
                .isEqualTo(events.get(firstWithFaces()).getFaces().get(0).getBox().getX1());
    }

    private static List<Long> sequences() {
        return events.stream().map(FaceDetections::getSequence).toList();
    }

    private static List<Integer> faceCounts() {
        return events.stream().map(event -> event.getFaces().size()).toList();
    }

    private static int firstWithFaces() {
        return faceCounts().indexOf(faceCounts().stream().filter(count -> count > 0).findFirst().orElseThrow());
    }

    /** Runs a subscriber until it stops by itself; its standard output, line by line. */
    private static List<String> run(List<String> command) throws IOException, InterruptedException {
        Path output = Files.createTempFile(dataDir, "subscriber", ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("%s ended", command).isTrue();
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(String.join("\n", lines)).isZero();
        return lines;
    }

    private static List<JsonNode> jsonLines(List<String> lines) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("{")) {
                nodes.add(json.readTree(line));
            }
        }
        return nodes;
    }

    private static boolean pythonModules(String... modules) throws IOException, InterruptedException {
        if (!Files.isExecutable(PYTHON)) {
            return false;
        }
        Process check = new ProcessBuilder(PYTHON.toString(), "-c", "import " + String.join(", ", modules))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0;
    }

    /** The sink stored every event: its REST API counts them. */
    private static void assertStoredBySink(int port, int expected) {
        HttpClient http = HttpClient.newHttpClient();
        String stats = await().atMost(Duration.ofSeconds(30)).until(() -> http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/cameras/door/stats")).build(),
                HttpResponse.BodyHandlers.ofString()).body(), body -> body.contains("\"events\":" + expected));
        assertThat(stats).contains("\"events\":" + expected);
    }

    private static List<FaceDetections> faceEvents(String bootstrap) {
        return TopicReader.readCommitted(bootstrap, Topics.FACES, new AvroSerde<>(FaceDetections.class).deserializer())
                .stream().map(ConsumerRecord::value).toList();
    }
}
