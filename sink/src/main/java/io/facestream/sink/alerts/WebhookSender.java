package io.facestream.sink.alerts;

import io.facestream.sink.Backoff;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs an alert's JSON to the webhook, signed with {@code X-FaceStream-Signature: sha256=<hex HMAC-SHA256 of the
 * body>}, retrying with exponential backoff on network errors, timeouts, 408, 429 and 5xx; another status is final.
 * The URL may hold a token, so logs name only its scheme, host and port.
 */
final class WebhookSender {
    static final String SIGNATURE_HEADER = "X-FaceStream-Signature";
    static final String ALERT_ID_HEADER = "X-FaceStream-Alert-Id";
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final URI url;
    private final String origin;
    private final byte[] secret;
    private final int attempts;
    private final Duration backoff;
    private final Duration timeout;
    private final HttpClient http;

    WebhookSender(URI url, String secret, int attempts, Duration backoff, Duration timeout) {
        this.url = url;
        this.origin = AlertSettings.origin(url);
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.attempts = attempts;
        this.backoff = backoff;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Whether the webhook accepted the alert (2xx) within the allowed attempts. */
    boolean send(String alertId, byte[] body) {
        Backoff waits = new Backoff(backoff, MAX_BACKOFF);
        String problem = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1 && !sleep(waits.next())) {
                problem = "interrupted";
                break;
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                    .header("Content-Type", "application/json").header(ALERT_ID_HEADER, alertId)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (secret.length > 0) {
                request.header(SIGNATURE_HEADER, signature(body, secret));
            }
            try {
                int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status >= 200 && status < 300) {
                    return true;
                }
                problem = "HTTP " + status;
                if (status != 408 && status != 429 && status < 500) {
                    break;
                }
            } catch (IOException e) {
                problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problem = "interrupted";
                break;
            }
            LOG.debug("alert {}: webhook {} attempt {} of {} failed: {}", alertId, origin, attempt, attempts, problem);
        }
        LOG.warn("alert {}: webhook {} failed ({}); the alert is stored and served at /api/alerts", alertId, origin,
                problem);
        return false;
    }

    /** {@code sha256=} and the lower-case hex HMAC-SHA256 of {@code body} with {@code secret}. */
    static String signature(byte[] body, byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static boolean sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
