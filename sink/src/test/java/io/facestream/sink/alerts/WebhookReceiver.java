package io.facestream.sink.alerts;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on a local port: answers {@code failures} requests with {@code failureStatus}, then 204, and keeps
 * every request it got. It checks signatures the way a receiver would, from the secret alone.
 */
final class WebhookReceiver implements AutoCloseable {
    record Request(String body, String signature, String alertId, String contentType) {
    }

    private final HttpServer server;
    private final AtomicInteger failuresLeft;
    private final int failureStatus;
    final List<Request> requests = new CopyOnWriteArrayList<>();

    WebhookReceiver(int failures, int failureStatus) {
        this.failuresLeft = new AtomicInteger(failures);
        this.failureStatus = failureStatus;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hooks/door", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(body, exchange.getRequestHeaders().getFirst("X-FaceStream-Signature"),
                    exchange.getRequestHeaders().getFirst("X-FaceStream-Alert-Id"),
                    exchange.getRequestHeaders().getFirst("Content-Type")));
            int status = failuresLeft.getAndDecrement() > 0 ? this.failureStatus : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** The webhook's URL, with a token in its query as some receivers want. */
    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/door?token=s3cr3t-token");
    }

    static String expectedSignature(String body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
