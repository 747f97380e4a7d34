package io.facestream.sink;

import io.facestream.sink.alerts.AlertQuery;
import io.facestream.sink.alerts.JdbcAlertStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * {@code GET /api/alerts?camera=&track=&from=&to=&limit=&offset=}: stored alerts, newest first, as {@code /api/events}.
 */
final class AlertRoutes {
    private final JdbcAlertStore alerts;

    AlertRoutes(JdbcAlertStore alerts) {
        this.alerts = alerts;
    }

    void addTo(RoutesConfig routes) {
        routes.get("/api/alerts", this::alerts);
    }

    private void alerts(Context ctx) {
        AlertQuery query = new AlertQuery(
                Optional.ofNullable(ctx.queryParam("camera")).filter(camera -> !camera.isBlank()),
                SinkApi.instant(ctx, "from"), SinkApi.instant(ctx, "to"),
                SinkConfig.wholeNumber("limit", ctx.queryParam("limit"), SinkApi.DEFAULT_LIMIT),
                SinkConfig.wholeNumber("offset", ctx.queryParam("offset"), 0),
                Optional.ofNullable(ctx.queryParam("track")).filter(track -> !track.isBlank()));
        ctx.json(alerts.find(query));
    }
}
