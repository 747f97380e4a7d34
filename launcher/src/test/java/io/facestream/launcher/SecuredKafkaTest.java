package io.facestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.facestream.broker.EmbeddedKafkaBroker;
import io.facestream.broker.EmbeddedKafkaBroker.SaslSslListener;
import io.facestream.schemas.AvroSerde;
import io.facestream.schemas.KafkaSettings;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.schemas.avro.Frame;
import io.facestream.schemas.avro.FrameEncoding;
import io.facestream.worker.WorkerConfig;
import io.facestream.worker.WorkerService;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The pipeline on a Kafka cluster that requires SASL/SCRAM-SHA-512 over TLS: the settings pass through
 * KAFKA_CLIENT_* variables exactly as a deployment sets them; a client with a wrong password is refused,
 * one without credentials gets nothing; the password appears in no log line and no printed setting.
 */
class SecuredKafkaTest {
    private static final String USER = "face-stream";
    private static final String PASSWORD = "scram-Pw-7f3a9c";
    private static final String STORE_PASSWORD = "store-Pw-51e0";

    @TempDir
    static Path dir;
    static EmbeddedKafkaBroker broker;
    static Path trustStore;

    @BeforeAll
    static void startSecuredBroker() throws Exception {
        Path keyStore = dir.resolve("broker.p12");
        trustStore = dir.resolve("truststore.p12");
        Path certificate = dir.resolve("broker.pem");
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "broker", "-keystore", keyStore.toString(), "-storepass",
                STORE_PASSWORD, "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "kafka-ca", "-file", certificate.toString(), "-storetype",
                "PKCS12", "-keystore", trustStore.toString(), "-storepass", STORE_PASSWORD);
        broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0,
                new SaslSslListener(keyStore, STORE_PASSWORD, Map.of(USER, PASSWORD)));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void pipelineRunsOverSaslSslWithCredentialsAndNeverShowsThePassword() throws Exception {
        ListAppender<ILoggingEvent> logs = captureLogs();
        KafkaSettings kafka = KafkaSettings.fromEnvironment(environment(PASSWORD));
        assertThat(kafka.clientProperties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");

        assertThat(TopicsCommand.create(kafka, Topics.specs(2), (short) 1)).contains(Topics.FRAMES, Topics.FACES);
        WorkerConfig config = WorkerConfig.fromEnvironment(Map.of("WORKER_ID", "secured", "WORKER_HTTP_PORT", "0",
                "DETECTOR_THREADS", "1", "WORKER_DECODE_THREADS", "1"));
        List<FaceDetections> events = new ArrayList<>();
        try (WorkerService worker = WorkerService.start(config, kafka, 1);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.producerConfig(),
                     new StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer());
             KafkaConsumer<String, FaceDetections> consumer = facesConsumer(kafka)) {
            AvroSerde<Frame> frames = new AvroSerde<>(Frame.class);
            byte[] jpeg = blankJpeg();
            for (long sequence = 0; sequence < 3; sequence++) {
                Instant now = Instant.now();
                Frame frame = Frame.newBuilder().setCameraId("door").setSequence(sequence).setCaptureTime(now)
                        .setIngestTime(now).setWidth(160).setHeight(120).setEncoding(FrameEncoding.JPEG)
                        .setData(ByteBuffer.wrap(jpeg)).build();
                producer.send(new ProducerRecord<>(Topics.FRAMES, "door", frames.serializer()
                        .serialize(Topics.FRAMES, frame))).get(30, TimeUnit.SECONDS);
            }
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> events.add(record.value()));
                return events.size() >= 3;
            });
        } finally {
            stopCapturing(logs);
        }
        assertThat(events).extracting(FaceDetections::getSequence).containsExactly(0L, 1L, 2L);
        assertThat(events).extracting(e -> e.getWorkerId().toString()).containsOnly("secured");

        assertThat(kafka.toString()).doesNotContain(PASSWORD).contains("[redacted]");
        assertThat(logs.list).isNotEmpty();
        assertThat(logs.list).allSatisfy(event -> assertThat(event.getFormattedMessage())
                .doesNotContain(PASSWORD).doesNotContain(STORE_PASSWORD));
    }

    @Test
    void clientWithAWrongPasswordIsRefused() {
        try (Admin admin = Admin.create(withTimeout(KafkaSettings.fromEnvironment(environment("not-the-password"))
                .adminConfig()))) {
            assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void clientWithoutCredentialsGetsNothing() {
        Map<String, String> env = new HashMap<>(environment(PASSWORD));
        env.put("KAFKA_CLIENT_SECURITY_PROTOCOL", "SSL");
        env.remove("KAFKA_CLIENT_SASL_MECHANISM");
        env.remove("KAFKA_CLIENT_SASL_JAAS_CONFIG");
        try (Admin admin = Admin.create(withTimeout(KafkaSettings.fromEnvironment(env).adminConfig()))) {
            assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        }
    }

    /** What a deployment sets: the same variables as deploy/kubernetes/base/kafka-config.yaml and the Secret. */
    private static Map<String, String> environment(String password) {
        return Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", broker.saslSslBootstrapServers(),
                "KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_CLIENT_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_CLIENT_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"" + USER + "\" password=\"" + password + "\";",
                "KAFKA_CLIENT_SSL_TRUSTSTORE_TYPE", "PKCS12",
                "KAFKA_CLIENT_SSL_TRUSTSTORE_LOCATION", trustStore.toString(),
                "KAFKA_CLIENT_SSL_TRUSTSTORE_PASSWORD", STORE_PASSWORD);
    }

    private static Map<String, Object> withTimeout(Map<String, Object> config) {
        Map<String, Object> shorter = new HashMap<>(config);
        shorter.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 8_000);
        shorter.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000);
        return shorter;
    }

    private static KafkaConsumer<String, FaceDetections> facesConsumer(KafkaSettings kafka) {
        Map<String, Object> config = new HashMap<>(kafka.consumerConfig());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "secured-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, FaceDetections> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new AvroSerde<>(FaceDetections.class).deserializer());
        consumer.subscribe(List.of(Topics.FACES));
        return consumer;
    }

    private static byte[] blankJpeg() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB), "jpg", out);
        return out.toByteArray();
    }

    /** Kafka's clients log their whole configuration at INFO: capture that, and face-stream's own logs. */
    private static ListAppender<ILoggingEvent> captureLogs() {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger kafka = (Logger) LoggerFactory.getLogger("org.apache.kafka.clients");
        kafka.setLevel(Level.INFO);
        kafka.setAdditive(false);
        kafka.addAppender(logs);
        ((Logger) LoggerFactory.getLogger("io.facestream")).addAppender(logs);
        return logs;
    }

    private static void stopCapturing(ListAppender<ILoggingEvent> logs) {
        ((Logger) LoggerFactory.getLogger("io.facestream")).detachAppender(logs);
        Logger kafka = (Logger) LoggerFactory.getLogger("org.apache.kafka.clients");
        kafka.detachAppender(logs);
        kafka.setLevel(null);
        kafka.setAdditive(true);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as("keytool " + String.join(" ", args) + ": " + output).isZero();
    }
}
