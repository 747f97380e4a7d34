package io.facestream.sink.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facestream.schemas.KafkaSettings;
import io.facestream.schemas.avro.CameraConfig;
import io.facestream.sink.alerts.AlertRule;
import io.facestream.sink.cameras.CameraRegistry;
import io.facestream.sink.cameras.CameraSettings;
import io.facestream.sink.cameras.CameraWriter;
import io.facestream.sink.live.LiveFeed;
import io.facestream.sink.live.LiveHub;
import io.facestream.sink.people.FaceIdentifier;
import io.facestream.sink.live.LiveViews;
import io.javalin.config.JavalinConfig;
import io.javalin.config.JavalinState;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The sink's web side beyond the stored events: the camera registry (read from and written to {@code cameras}), the
 * live feed ({@code GET /api/live}, the latest frame of each camera), the OpenAPI document, the dashboard at
 * {@code /}, and access control over all of it.
 */
public final class SinkWeb implements AutoCloseable {
    static final String OPENAPI = "/io/facestream/sink/web/openapi.yaml";
    static final String DASHBOARD = "/io/facestream/sink/web/dashboard";
    private static final Duration LOAD_WAIT = Duration.ofSeconds(2);

    private final LiveHub hub;
    private final CameraRegistry registry;
    private final CameraWriter writer;
    private final LiveFeed feed;
    private final ApiAccess access;
    private final AlertRule alertDefaults;
    private final boolean allowLocalSources;
    private final ObjectMapper json = new ObjectMapper();

    SinkWeb(LiveHub hub, CameraRegistry registry, CameraWriter writer, LiveFeed feed, ApiAccess access,
            AlertRule alertDefaults, boolean allowLocalSources) {
        this.hub = hub;
        this.registry = registry;
        this.writer = writer;
        this.feed = feed;
        this.access = access;
        this.alertDefaults = alertDefaults;
        this.allowLocalSources = allowLocalSources;
    }

    /**
     * Starts following the topics; the routes are added to a server by {@link #routes}. {@code alertDefaults} is the
     * sink's alert rule, against which a camera's new rules are checked; {@code allowLocalSources} lets cameras be files
     * and devices; {@code identifier} names the faces on the live feed.
     */
    public static SinkWeb start(KafkaSettings kafka, Optional<String> apiToken, AlertRule alertDefaults,
                                boolean allowLocalSources, FaceIdentifier identifier) {
        LiveHub hub = new LiveHub(identifier);
        CameraRegistry registry = new CameraRegistry();
        LiveFeed feed = LiveFeed.start(kafka, hub, registry);
        return new SinkWeb(hub, registry, new CameraWriter(kafka, registry), feed, new ApiAccess(apiToken),
                alertDefaults, allowLocalSources);
    }

    /** Adds access control, the routes and the dashboard to a server's configuration. */
    public void routes(JavalinConfig config) {
        JavalinState server = config.unsafe;
        config.routes.before(access);
        config.routes.get("/api/cameras", this::cameras);
        config.routes.get("/api/cameras/{id}", ctx -> ctx.json(camera(ctx.pathParam("id"))
                .orElseThrow(() -> new NotFoundResponse("no camera " + ctx.pathParam("id")))));
        config.routes.put("/api/cameras/{id}", this::putCamera);
        config.routes.delete("/api/cameras/{id}", this::deleteCamera);
        config.routes.get("/api/cameras/{id}/frame.jpg", this::frame);
        config.routes.sse("/api/live", new LiveStream(hub));
        config.routes.get("/api/openapi.yaml", ctx -> ctx.contentType("application/yaml").result(resource(OPENAPI)));
        config.routes.get("/api/dashboard", ctx -> ctx.json(features(server)));
        config.routes.exception(CameraWriter.CameraTopicException.class, (e, ctx) ->
                ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(Map.of("error", e.getMessage())));
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = DASHBOARD;
            files.location = Location.CLASSPATH;
            files.headers = Map.of("Cache-Control", "no-cache");
        });
    }

    private void cameras(Context ctx) throws InterruptedException {
        registry.awaitLoaded(LOAD_WAIT);
        TreeSet<String> ids = new TreeSet<>(registry.configs().keySet());
        ids.addAll(registry.statusIds());
        ctx.json(ids.stream().map(this::camera).flatMap(Optional::stream).toList());
    }

    private Optional<CameraView> camera(String id) {
        Optional<CameraConfig> config = registry.config(id);
        Optional<LiveViews.StatusView> status = registry.status(id).map(LiveViews.StatusView::of);
        if (config.isEmpty() && status.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(CameraView.of(id, config, status, hub.latest(id)));
    }

    private void putCamera(Context ctx) throws InterruptedException {
        String id = CameraSettings.requireValidId(ctx.pathParam("id"));
        JsonNode body;
        try {
            body = json.readTree(ctx.body());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getOriginalMessage());
        }
        registry.awaitLoaded(LOAD_WAIT);
        Optional<CameraConfig> current = registry.config(id);
        writer.put(CameraSettings.parse(id, body, current, alertDefaults, allowLocalSources));
        ctx.status(current.isPresent() ? HttpStatus.OK : HttpStatus.CREATED).json(camera(id).orElseThrow());
    }

    private void deleteCamera(Context ctx) throws InterruptedException {
        String id = ctx.pathParam("id");
        registry.awaitLoaded(LOAD_WAIT);
        if (registry.config(id).isEmpty()) {
            throw new NotFoundResponse("no camera " + id);
        }
        writer.remove(id);
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void frame(Context ctx) {
        Long wanted = sequence(ctx.queryParam("sequence"));
        Map.Entry<Long, byte[]> frame = hub.frame(ctx.pathParam("id"), wanted)
                .orElseThrow(() -> new NotFoundResponse("no frame of camera " + ctx.pathParam("id") + " yet"));
        ctx.header("Cache-Control", "no-store").header("X-Frame-Sequence", Long.toString(frame.getKey()))
                .contentType("image/jpeg").result(frame.getValue());
    }

    private static Long sequence(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("sequence must be a whole number, was '" + value + "'");
        }
    }

    /** Which optional parts of the API this sink serves, so the dashboard asks only for what exists. */
    private static Map<String, Object> features(JavalinState server) {
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("alerts", server.internalRouter.hasHttpHandlerEntry(HandlerType.GET, "/api/alerts"));
        features.put("crops", server.internalRouter.hasHttpHandlerEntry(HandlerType.GET, "/api/crops/c/1/0"));
        return features;
    }

    static String resource(String name) {
        try (InputStream in = SinkWeb.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    LiveHub hub() {
        return hub;
    }

    @Override
    public void close() {
        hub.close();
        feed.close();
        writer.close();
    }
}
