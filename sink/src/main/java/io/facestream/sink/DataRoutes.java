package io.facestream.sink;

import io.facestream.sink.crops.CropStore;
import io.facestream.sink.retention.DataEraser;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The face crops and deletion routes: {@code GET /api/crops/{camera}/{sequence}/{face}} ({@code ?kind=context} for the
 * context crop), {@code DELETE /api/cameras/{id}/data} and {@code DELETE /api/events?camera=&from=&to=}.
 */
final class DataRoutes {
    private final CropStore crops;
    private final DataEraser eraser;

    DataRoutes(CropStore crops, DataEraser eraser) {
        this.crops = crops;
        this.eraser = eraser;
    }

    void addTo(RoutesConfig routes) {
        routes.get("/api/crops/{camera}/{sequence}/{face}", this::crop);
        routes.delete("/api/cameras/{id}/data", this::deleteCamera);
        routes.delete("/api/events", this::deleteEvents);
    }

    private void crop(Context ctx) throws IOException {
        String camera = CropStore.requireCameraId(ctx.pathParam("camera"));
        long sequence = wholeNumber("sequence", ctx.pathParam("sequence"));
        long face = wholeNumber("face", ctx.pathParam("face"));
        if (face > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("face must be at most " + Integer.MAX_VALUE + ", was " + face);
        }
        String kindParameter = ctx.queryParam("kind");
        CropStore.Kind kind = kindParameter == null || kindParameter.isBlank() ? CropStore.Kind.ALIGNED
                : CropStore.Kind.parse("kind", kindParameter.trim());
        Optional<Path> file = crops.find(camera, sequence, (int) face, kind);
        if (file.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND).json(Map.of("error", "no " + kind.suffix() + " crop of face "
                    + face + " of " + camera + " #" + sequence));
            return;
        }
        ctx.contentType("image/jpeg").result(Files.readAllBytes(file.get()));
    }

    private void deleteCamera(Context ctx) {
        String camera = CropStore.requireCameraId(ctx.pathParam("id"));
        answer(ctx, EventScope.ofCamera(camera));
    }

    private void deleteEvents(Context ctx) {
        Optional<String> camera = Optional.ofNullable(ctx.queryParam("camera")).map(String::trim)
                .filter(id -> !id.isEmpty()).map(CropStore::requireCameraId);
        EventScope scope = new EventScope(camera, SinkApi.instant(ctx, "from"), SinkApi.instant(ctx, "to"));
        if (scope.cameraId().isEmpty() && scope.from().isEmpty() && scope.to().isEmpty()) {
            // DELETE /api/events alone would empty the database: too easy to send by mistake.
            throw new IllegalArgumentException("camera, from or to is needed: which events to delete");
        }
        answer(ctx, scope);
    }

    private void answer(Context ctx, EventScope scope) {
        Map<String, Object> body = new LinkedHashMap<>();
        scope.cameraId().ifPresent(camera -> body.put("camera", camera));
        scope.from().ifPresent(from -> body.put("from", from));
        scope.to().ifPresent(to -> body.put("to", to));
        body.put("deleted", eraser.erase(scope));
        ctx.json(body);
    }

    private static long wholeNumber(String name, String value) {
        try {
            long number = Long.parseLong(value.trim());
            if (number < 0) {
                throw new IllegalArgumentException(name + " must not be negative, was " + number);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'");
        }
    }
}
