package io.facestream.broker;

import io.facestream.schemas.Topics.TopicSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker (KRaft: one node as broker and controller) running in this
 * process, its data in a folder. For the local run and for tests; a restart keeps data and address.
 * Optionally it also opens a SASL_SSL listener (SCRAM-SHA-512 over TLS), as a secured production
 * cluster would, beside the plaintext one it uses for itself.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final SaslSslListener secured;
    private final int securedPort;
    private KafkaRaftServer server;

    /**
     * A SASL_SSL listener: the broker's TLS key and certificate in a PKCS12 key store, and the SCRAM-SHA-512
     * users (name to password) it accepts.
     */
    public record SaslSslListener(Path keyStore, String keyStorePassword, Map<String, String> users) {
        public SaslSslListener {
            users = Map.copyOf(users);
        }

        @Override
        public String toString() {
            return "SaslSslListener[keyStore=" + keyStore + ", users=" + users.keySet() + "]";
        }
    }

    private EmbeddedKafkaBroker(Path dataDir, int port, int controllerPort, SaslSslListener secured) {
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.secured = secured;
        this.securedPort = secured == null ? -1 : freePort();
    }

    /** Starts a broker on 127.0.0.1:{@code port} (0: a free port), formatting {@code dataDir} on first use. */
    public static EmbeddedKafkaBroker start(Path dataDir, int port) {
        return start(dataDir, port, null);
    }

    /** Starts a broker that also serves {@code secured} clients on {@link #saslSslBootstrapServers()}. */
    public static EmbeddedKafkaBroker start(Path dataDir, int port, SaslSslListener secured) {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dataDir, port == 0 ? freePort() : port, freePort(),
                secured);
        broker.startServer();
        log.info("Kafka broker ready at {}{} (data in {})", broker.bootstrapServers(),
                secured == null ? "" : " and SASL_SSL " + broker.saslSslBootstrapServers(), dataDir);
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The SASL_SSL listener's address. */
    public String saslSslBootstrapServers() {
        if (secured == null) {
            throw new IllegalStateException("this broker has no SASL_SSL listener");
        }
        return "127.0.0.1:" + securedPort;
    }

    /** Creates the topics that do not exist yet. */
    public void createTopics(List<TopicSpec> specs) {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = specs.stream().filter(spec -> !existing.contains(spec.name()))
                    .map(spec -> new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(spec.configs()))
                    .toList();
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topics: " + e.getCause().getMessage(), e.getCause());
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topics: " + e.getMessage(), e);
        }
    }

    /** Stops and starts again on the same port with the same data, as a broker restart in production. */
    public void restart() {
        stop();
        startServer();
        log.info("Kafka broker restarted at {}", bootstrapServers());
    }

    public void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
            log.info("Kafka broker stopped");
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void startServer() {
        Path logDir = dataDir.resolve("kafka-logs");
        formatIfNew(logDir);
        server = new KafkaRaftServer(KafkaConfig.fromProps(config(logDir)), Time.SYSTEM);
        server.startup();
        awaitReady();
        if (secured != null) {
            createScramUsers();
        }
    }

    /** SCRAM credentials live in the cluster metadata: they are added through the plaintext listener. */
    private void createScramUsers() {
        List<UserScramCredentialAlteration> users = secured.users().entrySet().stream()
                .<UserScramCredentialAlteration>map(user -> new UserScramCredentialUpsertion(user.getKey(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), user.getValue()))
                .toList();
        try (Admin admin = admin()) {
            admin.alterUserScramCredentials(users).all().get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
            while (admin.describeUserScramCredentials().all().get(30, TimeUnit.SECONDS).size() < users.size()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("SCRAM users did not appear within " + READY_TIMEOUT.toSeconds() + " s");
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while adding SCRAM users", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot add SCRAM users: " + e.getMessage(), e);
        }
    }

    private Properties config(Path logDir) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.putAll(listeners());
        p.put("log.dirs", logDir.toString());
        p.put("auto.create.topics.enable", "false");
        p.put("message.max.bytes", Integer.toString(16 * 1024 * 1024));
        // One node: every internal topic must make do with one replica, or groups and transactions hang.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // Consumer-protocol groups (the detector workers): a killed member's partitions move to the others after
        // 6 s without its heartbeat instead of 45 s, before its frames grow older than WORKER_MAX_FRAME_AGE_MS.
        p.put("group.consumer.session.timeout.ms", "6000");
        p.put("group.consumer.min.session.timeout.ms", "6000");
        p.put("group.consumer.heartbeat.interval.ms", "1000");
        p.put("group.consumer.min.heartbeat.interval.ms", "1000");
        // A killed worker's open transaction blocks read_committed readers until it is aborted: check often.
        p.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
        return p;
    }

    /** Where clients and the controller connect: plaintext, and SASL_SSL when asked for. */
    private Map<String, String> listeners() {
        Map<String, String> p = new HashMap<>();
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        if (secured == null) {
            p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
            p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            return p;
        }
        String saslSsl = "SASL_SSL://127.0.0.1:" + securedPort;
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + "," + saslSsl + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port + "," + saslSsl);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT");
        String prefix = "listener.name.sasl_ssl.";
        p.put(prefix + "sasl.enabled.mechanisms", "SCRAM-SHA-512");
        // The broker's side of SCRAM needs a login module but no options: users are in the cluster metadata.
        p.put(prefix + "scram-sha-512.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        p.put(prefix + "ssl.keystore.type", "PKCS12");
        p.put(prefix + "ssl.keystore.location", secured.keyStore().toAbsolutePath().toString());
        p.put(prefix + "ssl.keystore.password", secured.keyStorePassword());
        p.put(prefix + "ssl.key.password", secured.keyStorePassword());
        return p;
    }

    private void formatIfNew(Path logDir) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(logDir);
            new Formatter().setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName("CONTROLLER")
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka storage in " + logDir + ": " + e.getMessage(), e);
        }
    }

    /** Returns once the broker answers and its node has registered. */
    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = admin()) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka broker did not become ready within "
                                + READY_TIMEOUT.toSeconds() + " s", e);
                    }
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
