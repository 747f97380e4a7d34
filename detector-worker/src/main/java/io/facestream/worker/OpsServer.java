package io.facestream.worker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;

/**
 * The worker's operations endpoint: {@code /health} (200 while every worker loop runs, 503 otherwise;
 * for liveness and readiness probes) and {@code /metrics} (Prometheus text format).
 */
final class OpsServer implements AutoCloseable {
    private final HttpServer server;

    private OpsServer(HttpServer server) {
        this.server = server;
    }

    static OpsServer start(int port, List<DetectorWorker> workers, PrometheusMeterRegistry registry) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
            server.createContext(WorkerService.HEALTH_PATH, exchange -> health(exchange, workers));
            server.createContext(WorkerService.METRICS_PATH, exchange -> respond(exchange, 200,
                    "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
            server.setExecutor(Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "worker-http");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return new OpsServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve health and metrics on port " + port
                    + " (set WORKER_HTTP_PORT to a free port, or 0 for none)", e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void health(HttpExchange exchange, List<DetectorWorker> workers) throws IOException {
        boolean up = workers.stream().allMatch(DetectorWorker::isAlive);
        StringBuilder json = new StringBuilder("{\"status\":\"").append(up ? "UP" : "DOWN").append("\",\"workers\":[");
        for (int i = 0; i < workers.size(); i++) {
            DetectorWorker w = workers.get(i);
            json.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"id\":\"%s\",\"alive\":%b,\"partitions\":%d,\"lastCommit\":%s}", w.workerId(), w.isAlive(),
                    w.assignment().size(), w.lastCommit() == null ? "null" : "\"" + w.lastCommit() + "\""));
        }
        respond(exchange, up ? 200 : 503, "application/json", json.append("]}").toString());
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
