package io.facestream.schemas;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A service's operations endpoint on the JDK's HTTP server: {@code /health} (200 while the service is up, 503
 * otherwise, with a JSON body; for liveness and readiness probes) and {@code /metrics} (Prometheus text format).
 */
public final class OpsServer implements AutoCloseable {
    public static final String HEALTH_PATH = "/health";
    public static final String METRICS_PATH = "/metrics";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    /** What {@code /health} answers: up or down, and the body, a JSON object. */
    public record Health(boolean up, String json) {
    }

    private final HttpServer server;

    private OpsServer(HttpServer server) {
        this.server = server;
    }

    /** A server on every interface of the machine (for probes and Prometheus from elsewhere). */
    public static OpsServer start(String service, int port, String portVariable, Supplier<Health> health,
                                  Supplier<String> metrics) {
        return start(service, null, port, portVariable, health, metrics);
    }

    /**
     * @param service names the server's thread ({@code <service>-http})
     * @param address the address to listen on; null: every interface
     * @param portVariable the variable that sets {@code port}, named when the port is taken
     */
    public static OpsServer start(String service, InetAddress address, int port, String portVariable,
                                  Supplier<Health> health, Supplier<String> metrics) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
            server.createContext(HEALTH_PATH, exchange -> {
                Health now = health.get();
                respond(exchange, now.up() ? 200 : 503, "application/json", now.json());
            });
            server.createContext(METRICS_PATH, exchange -> respond(exchange, 200, PROMETHEUS_TEXT, metrics.get()));
            server.setExecutor(Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, service + "-http");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return new OpsServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve health and metrics on port " + port + " (set " + portVariable
                    + " to a free port, or 0 for none)", e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The address it listens on (the wildcard address for every interface). */
    public InetAddress address() {
        return server.getAddress().getAddress();
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
