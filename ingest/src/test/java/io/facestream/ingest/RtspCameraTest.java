package io.facestream.ingest;

import static io.facestream.ingest.NetworkStreamTest.framesOf;
import static io.facestream.ingest.NetworkStreamTest.latestStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.facestream.schemas.RtspTransport;
import io.facestream.schemas.avro.CameraConfig;
import io.facestream.schemas.avro.CameraState;
import io.facestream.schemas.avro.CameraStatus;
import io.facestream.schemas.avro.Frame;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RTSP cameras that offer RTP over UDP only, and cameras that refuse the password. */
class RtspCameraTest {
    @TempDir
    Path dir;
    TestKafka kafka;

    @BeforeEach
    void startBroker() {
        kafka = TestKafka.start(dir.resolve("kafka"));
    }

    @AfterEach
    void stopBroker() {
        kafka.close();
    }

    @Test
    void cameraThatOffersOnlyUdpIsReadByAutoAndUdpButNotTcp() throws Exception {
        try (RtspTestServer server = new RtspTestServer(dir, FreePort.find(), "--udp-only");
             RecordCollector<Frame> frames = kafka.frames();
             RecordCollector<CameraStatus> statuses = kafka.statuses()) {
            server.start();
            kafka.startIngest(List.of(
                    Camera.of("auto", server.url()),
                    Camera.of("udp", server.url()).withTransport(RtspTransport.UDP),
                    Camera.of("tcp", server.url()).withTransport(RtspTransport.TCP)));

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> framesOf(frames, "auto") >= 5 && framesOf(frames, "udp") >= 5);
            // The camera goes on trying (CONNECTING, DOWN, ...): the DOWN status itself is what says why.
            CameraStatus down = await().atMost(Duration.ofSeconds(10))
                    .until(() -> latestStatus(statuses, "tcp"), status -> status.getState() == CameraState.DOWN);
            assertThat(down.getReason()).isEqualTo("transport not supported");
            assertThat(framesOf(frames, "tcp")).isZero();
        }
    }

    @Test
    void wrongPasswordIsReportedAndNotRetriedUntilTheConfigurationChanges() throws Exception {
        try (RtspTestServer server = new RtspTestServer(dir, FreePort.find(), "--login", "viewer:right");
             RecordCollector<Frame> frames = kafka.frames();
             RecordCollector<CameraStatus> statuses = kafka.statuses();
             KafkaProducer<String, CameraConfig> producer = kafka.cameraProducer()) {
            server.start();
            String wrong = server.url().replace("rtsp://", "rtsp://viewer:wrong@");
            kafka.startIngest(List.of(Camera.of("door", wrong)));

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> latestStatus(statuses, "door").getState() == CameraState.DOWN);
            assertThat(latestStatus(statuses, "door").getReason()).isEqualTo(
                    "authentication failed; next try in 5 minutes, or at once when the camera's settings change");
            long connections = server.clients();
            // The test settings' backoff (200 ms to 1 s) would have tried again several times by now.
            Thread.sleep(4000);
            assertThat(server.clients()).as("connections to the camera").isEqualTo(connections);
            assertThat(latestStatus(statuses, "door").getState()).isEqualTo(CameraState.DOWN);

            String right = server.url().replace("rtsp://", "rtsp://viewer:right@");
            new CameraPublisher(producer).publish(List.of(Camera.of("door", right)));
            await().atMost(Duration.ofSeconds(15)).until(() -> framesOf(frames, "door") >= 3);
        }
    }
}
