package io.facestream.ingest;

import io.facestream.schemas.OpsServer;
import io.facestream.schemas.avro.CameraState;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An ingest instance's operations endpoint: {@code /health} (up while the instance runs, with the state of each of
 * its cameras) and {@code /metrics}. A camera that is down does not make the instance unhealthy: restarting the
 * instance would not bring the camera back, and its state is in the body and the metrics.
 */
public final class IngestOpsServer {
    private IngestOpsServer() {
    }

    public static OpsServer start(int port, IngestService ingest, PrometheusMeterRegistry registry) {
        return OpsServer.start("ingest", port, "INGEST_HTTP_PORT", () -> health(ingest), registry::scrape);
    }

    private static OpsServer.Health health(IngestService ingest) {
        boolean up = ingest.isRunning();
        Map<String, CameraState> states = ingest.cameraStates();
        String cameras = states.entrySet().stream()
                .map(e -> "{\"id\":\"" + jsonText(e.getKey()) + "\",\"state\":\"" + e.getValue() + "\"}")
                .collect(Collectors.joining(","));
        return new OpsServer.Health(up, "{\"status\":\"" + (up ? "UP" : "DOWN") + "\",\"cameras\":[" + cameras + "]}");
    }

    private static String jsonText(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
