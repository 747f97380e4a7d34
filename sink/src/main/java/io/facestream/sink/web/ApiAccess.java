package io.facestream.sink.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.Header;
import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * Guards the API and the dashboard with {@code SINK_API_TOKEN}: a request needs {@code Authorization: Bearer <token>},
 * or HTTP Basic with the token as the password (any user name), so that a browser asks for it. Without a token
 * configured everything is open (the local run). {@code /api/health} stays open for probes, and {@code /metrics} for
 * Prometheus (counts and latencies, no events, frames or secrets).
 */
public final class ApiAccess implements Handler {
    static final String REALM = "face-stream";
    private static final String HEALTH = "/api/health";
    private static final String METRICS = "/metrics";

    private final Optional<byte[]> token;

    public ApiAccess(Optional<String> token) {
        this.token = token.map(value -> value.getBytes(StandardCharsets.UTF_8));
    }

    public boolean isOpen() {
        return token.isEmpty();
    }

    @Override
    public void handle(Context ctx) {
        if (token.isEmpty() || HEALTH.equals(ctx.path()) || METRICS.equals(ctx.path())
                || allowed(ctx.header(Header.AUTHORIZATION))) {
            return;
        }
        ctx.header(Header.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        throw new UnauthorizedResponse("an API token is required: Authorization: Bearer <token>, or Basic with the "
                + "token as password");
    }

    private boolean allowed(String authorization) {
        if (authorization == null) {
            return false;
        }
        int space = authorization.indexOf(' ');
        if (space < 0) {
            return false;
        }
        String scheme = authorization.substring(0, space);
        String credentials = authorization.substring(space + 1).trim();
        if (scheme.equalsIgnoreCase("Bearer")) {
            return matches(credentials);
        }
        if (scheme.equalsIgnoreCase("Basic")) {
            try {
                String decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon >= 0 && matches(decoded.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return false;
    }

    private boolean matches(String offered) {
        // Constant time, so the comparison does not tell how much of a guess was right.
        return MessageDigest.isEqual(offered.getBytes(StandardCharsets.UTF_8), token.orElseThrow());
    }
}
