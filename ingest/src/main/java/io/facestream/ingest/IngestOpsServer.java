package io.facestream.ingest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.facestream.schemas.avro.CameraState;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * An ingest instance's operations endpoint: {@code /health} (200 while the instance runs, 503 otherwise,
 * with the state of each of its cameras; for liveness and readiness probes) and {@code /metrics}
 * (Prometheus text format). A camera that is down does not make the instance unhealthy: restarting the
 * instance would not bring the camera back, and its state is in the body and the metrics.
 */
public final class IngestOpsServer implements AutoCloseable {
    public static final String HEALTH_PATH = "/health";
    public static final String METRICS_PATH = "/metrics";
    private final HttpServer server;

    private IngestOpsServer(HttpServer server) {
        this.server = server;
    }

    public static IngestOpsServer start(int port, IngestService ingest, PrometheusMeterRegistry registry) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
            server.createContext(HEALTH_PATH, exchange -> health(exchange, ingest));
            server.createContext(METRICS_PATH, exchange -> respond(exchange, 200,
                    "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
            server.setExecutor(Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "ingest-http");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return new IngestOpsServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve health and metrics on port " + port
                    + " (set INGEST_HTTP_PORT to a free port, or 0 for none)", e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void health(HttpExchange exchange, IngestService ingest) throws IOException {
        boolean up = ingest.isRunning();
        Map<String, CameraState> states = ingest.cameraStates();
        String cameras = states.entrySet().stream()
                .map(e -> "{\"id\":\"" + jsonText(e.getKey()) + "\",\"state\":\"" + e.getValue() + "\"}")
                .collect(Collectors.joining(","));
        respond(exchange, up ? 200 : 503, "application/json",
                "{\"status\":\"" + (up ? "UP" : "DOWN") + "\",\"cameras\":[" + cameras + "]}");
    }

    private static String jsonText(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
