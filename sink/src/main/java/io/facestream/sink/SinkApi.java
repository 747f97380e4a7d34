package io.facestream.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.facestream.sink.people.FaceEnrolment;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The REST API: {@code GET /api/events}, {@code GET /api/cameras/{id}/stats}, {@code GET /api/health}, and
 * {@code GET /metrics} (Prometheus text format). Times are ISO-8601 instants.
 */
public final class SinkApi {
    static final int DEFAULT_LIMIT = 100;
    /** 200 while the database, the Streams application, event storage and alert delivery are up, else 503 and why. */
    public static final String HEALTH_PATH = "/api/health";
    public static final String METRICS_PATH = "/metrics";
    /** The times a query may name: four-digit years, which every database the sink writes to stores. */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private final EventStore store;
    private final DatabaseStatus database;
    private final Supplier<KafkaStreams.State> streamsState;
    private final Map<String, Supplier<Throwable>> threadFailures;
    private final Supplier<String> metrics;
    private final List<Consumer<RoutesConfig>> moreRoutes = new ArrayList<>();

    /**
     * @param threadFailures the sink's own threads, by the name health reports them under: why each stopped, null
     *                       while it runs
     * @param metrics the text served at /metrics
     */
    public SinkApi(EventStore store, DatabaseStatus database, Supplier<KafkaStreams.State> streamsState,
                   Map<String, Supplier<Throwable>> threadFailures, Supplier<String> metrics) {
        this.store = store;
        this.database = database;
        this.streamsState = streamsState;
        this.threadFailures = threadFailures;
        this.metrics = metrics;
    }

    /** Adds routes that other parts of the sink serve (such as crops and deletion). */
    public SinkApi withRoutes(Consumer<RoutesConfig> routes) {
        moreRoutes.add(routes);
        return this;
    }

    /** A server with the routes, not started. */
    public Javalin buildServer() {
        return buildServer(config -> { });
    }

    /** A server with the routes, set up further by {@code serverSetup} (the dashboard's files and access), not started. */
    public Javalin buildServer(Consumer<JavalinConfig> serverSetup) {
        ObjectMapper mapper = ApiJson.mapper();
        return Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(mapper, false));
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = FaceEnrolment.MAX_PHOTO_BYTES; // the largest body: a photo to enrol
            config.routes.get("/api/events", this::events);
            config.routes.get("/api/cameras/{id}/stats", ctx -> ctx.json(store.stats(ctx.pathParam("id"))));
            config.routes.get(HEALTH_PATH, this::health);
            config.routes.get(METRICS_PATH, ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(metrics.get()));
            moreRoutes.forEach(routes -> routes.accept(config.routes));
            config.routes.exception(IllegalArgumentException.class, (e, ctx) ->
                    ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", e.getMessage())));
            config.routes.exception(StorageUnavailableException.class, (e, ctx) ->
                    ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(Map.of("error", e.getMessage())));
            serverSetup.accept(config);
        });
    }

    private void events(Context ctx) {
        EventQuery query = new EventQuery(
                Optional.ofNullable(ctx.queryParam("camera")).filter(camera -> !camera.isBlank()),
                instant(ctx, "from"), instant(ctx, "to"),
                integer(ctx, "limit", DEFAULT_LIMIT), integer(ctx, "offset", 0),
                Optional.ofNullable(ctx.queryParam("track")).filter(track -> !track.isBlank()));
        ctx.json(store.find(query));
    }

    private void health(Context ctx) {
        Map<String, Object> databaseHealth = new LinkedHashMap<>();
        Optional<String> problem = database.failure();
        if (problem.isEmpty()) {
            try {
                store.check();
            } catch (StorageUnavailableException e) {
                problem = Optional.of(e.getMessage());
            }
        }
        databaseHealth.put("status", problem.isEmpty() ? "UP" : "DOWN");
        problem.ifPresent(reason -> databaseHealth.put("reason", reason));
        KafkaStreams.State state = streamsState.get();
        boolean streamsUp = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
        boolean up = problem.isEmpty() && streamsUp;
        Map<String, Object> threadsHealth = new TreeMap<>(); // a steady order in the body
        for (Map.Entry<String, Supplier<Throwable>> thread : threadFailures.entrySet()) {
            Throwable stopped = thread.getValue().get();
            up &= stopped == null;
            threadsHealth.put(thread.getKey(), stopped == null ? Map.of("status", "UP")
                    : Map.of("status", "DOWN", "reason", String.valueOf(stopped.getMessage())));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("database", databaseHealth);
        body.put("streams", Map.of("status", streamsUp ? "UP" : "DOWN", "state", String.valueOf(state)));
        body.putAll(threadsHealth);
        ctx.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(body);
    }

    static Optional<Instant> instant(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Instant instant;
        try {
            instant = Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 instant such as 2026-01-31T08:00:00Z, was '"
                    + value + "'");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new IllegalArgumentException(name + " must lie between " + EARLIEST + " and 9999-12-31T23:59:59Z, was '"
                    + value + "'");
        }
        return Optional.of(instant);
    }

    private static int integer(Context ctx, String name, int fallback) {
        return SinkConfig.wholeNumber(name, ctx.queryParam(name), fallback);
    }

}
