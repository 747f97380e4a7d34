package io.facestream.sink;

import io.facestream.schemas.FatalErrors;
import io.facestream.schemas.Topics;
import io.facestream.sink.alerts.AlertDispatcher;
import io.facestream.sink.alerts.AlertMetrics;
import io.facestream.sink.alerts.JdbcAlertStore;
import io.facestream.sink.crops.CropStore;
import io.facestream.sink.crops.FaceCrops;
import io.facestream.sink.people.FaceEnrolment;
import io.facestream.sink.people.FaceIdentifier;
import io.facestream.sink.people.PeopleGallery;
import io.facestream.sink.people.PeopleRoutes;
import io.facestream.sink.people.PeopleStore;
import io.facestream.sink.retention.DataEraser;
import io.facestream.sink.retention.RetentionJob;
import io.facestream.sink.web.SinkWeb;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink: batched event storage, the Kafka Streams application (face crops, door alerts, the dead-letter topic),
 * alert delivery, retention, and the REST API and dashboard over all of it.
 */
public final class SinkService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SinkService.class);

    private final SinkConfig config;
    private final DatabaseStatus database = new DatabaseStatus();
    /** The sink's Prometheus metrics, served at /metrics; every part of the sink registers its meters here. */
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private EventStore store;
    private JdbcAlertStore alertStore;
    private AlertDispatcher alertDispatcher;
    private KafkaStreams streams;
    private EventStorage storage;
    private RetentionJob retention;
    private Javalin server;
    private SinkWeb web;
    private FaceEnrolment enrolment;

    public SinkService(SinkConfig config) {
        this.config = config;
    }

    /** A sink writing to {@code store} instead of the configured database (tests); it closes the store. */
    SinkService(SinkConfig config, EventStore store) {
        this.config = config;
        this.store = store;
    }

    /** Opens (and migrates) the database, starts storage, Streams, alert delivery, retention and the HTTP server. */
    public synchronized void start() {
        if (streams != null) {
            throw new IllegalStateException("already started");
        }
        LOG.info("starting the sink: {}", config);
        if (store == null) {
            store = JdbcEventStore.open(config.effectiveJdbcUrl(), config.jdbcUser(), config.jdbcPassword());
        }
        PeopleStore people = PeopleStore.open(config.effectiveJdbcUrl(), config.jdbcUser(), config.jdbcPassword());
        PeopleGallery gallery = new PeopleGallery(people::enrolments);
        gallery.reload();
        FaceIdentifier identifier = new FaceIdentifier(gallery, config.matchThreshold(), config.storeEmbeddings());
        storage = new EventStorage(config.kafka(), config.applicationId() + "-events", store, identifier::identify,
                database, new SinkMeters(meters));
        storage.start();
        CropStore crops = CropStore.inDataDir(config.dataDir());
        enrolment = new FaceEnrolment(crops);
        DataEraser eraser = new DataEraser(store, crops);
        retention = new RetentionJob(eraser, Duration.ofDays(config.retentionDays()), Clock.systemUTC());
        retention.start();
        alertStore = JdbcAlertStore.open(config.effectiveJdbcUrl(), config.jdbcUser(), config.jdbcPassword());
        Topology topology = SinkTopology.buildTopology(new FaceCrops(crops), config.alerts(), config.jsonEvents(),
                meters, () -> new FaceIdentifier(gallery, config.matchThreshold(), false));
        streams = new KafkaStreams(topology, streamsProperties());
        streams.setUncaughtExceptionHandler(e -> {
            FatalErrors.exitIfFatal(e); // out of memory, say: the process ends, as for the sink's other threads
            LOG.error("the sink's stream thread failed; stopping the Streams application", e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.start();
        alertDispatcher = AlertDispatcher.start(config.kafka(), config.applicationId() + "-alert-delivery", alertStore,
                config.alerts(), new AlertMetrics(meters));
        web = SinkWeb.start(config.kafka(), config.apiToken(), config.alerts().defaultRule(),
                config.allowLocalSources(), new FaceIdentifier(gallery, config.matchThreshold(), false));
        server = new SinkApi(store, database, streams::state,
                Map.of("storage", storage::failure, "alerts", alertDispatcher::failure), meters::scrape)
                .withRoutes(new DataRoutes(crops, eraser)::addTo).withRoutes(new AlertRoutes(alertStore)::addTo)
                .withRoutes(new PeopleRoutes(people, gallery, enrolment)::addTo)
                .buildServer(web::routes).start(config.httpHost(), config.httpPort());
        LOG.info("sink dashboard on http://{}:{}/ (API: /api/openapi.yaml; {})", displayHost(), server.port(),
                config.apiToken().isPresent() ? "SINK_API_TOKEN required" : "open: no SINK_API_TOKEN set");
    }

    Properties streamsProperties() {
        Properties properties = new Properties();
        properties.putAll(config.kafka().consumerConfig());
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, config.dataDir().resolve("streams").toAbsolutePath().toString());
        // A record that is no FaceDetections goes to faces.dlq (with the exception in its headers) instead of
        // stopping the sink; under exactly-once it is written in the same transaction as the offsets.
        properties.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueExceptionHandler.class.getName());
        properties.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.dlq(Topics.FACES));
        // The alert rules' global store (cameras topic) takes the same handlers, as Kafka Streams 5 will by default.
        properties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // A sink that dies without closing holds its tasks until its session expires: 10 s instead of the default 45 s.
        properties.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        return properties;
    }

    /** The HTTP server's port (the chosen one when configured as 0). */
    public int httpPort() {
        return server.port();
    }

    public KafkaStreams.State streamsState() {
        return streams.state();
    }

    /** The sink's metrics (crop and alert counters among them). */
    PrometheusMeterRegistry meters() {
        return meters;
    }

    KafkaStreams streams() {
        return streams;
    }

    /** The HTTP server with every route, for tests that inspect them. */
    Javalin server() {
        return server;
    }

    private String displayHost() {
        return config.httpHost().equals("0.0.0.0") ? "localhost" : config.httpHost();
    }

    @Override
    public synchronized void close() {
        if (web != null) {
            web.close();
        }
        if (server != null) {
            server.stop();
        }
        if (retention != null) {
            retention.close();
        }
        if (enrolment != null) {
            enrolment.close();
        }
        if (streams != null) {
            // Leaving the group lets a restarted sink take its tasks back at once, not after the session timeout.
            streams.close(CloseOptions.groupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(15)));
        }
        if (storage != null) {
            storage.close();
        }
        if (alertDispatcher != null) {
            alertDispatcher.close();
        }
        if (alertStore != null) {
            alertStore.close();
        }
        if (store != null) {
            store.close();
        }
    }
}
