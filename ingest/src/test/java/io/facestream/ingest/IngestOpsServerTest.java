package io.facestream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.facestream.schemas.avro.CameraState;
import io.facestream.schemas.OpsServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ingest's /health and /metrics, and the per-camera meters they show. */
class IngestOpsServerTest {

    @Test
    void metricsShowEachCamerasFramesAndStateUntilItStops() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        IngestService ingest = new IngestService(IngestConfig.forCluster("127.0.0.1:9"), List.of(), registry);
        try (OpsServer ops = IngestOpsServer.start(0, ingest, registry)) {
            CameraMeters door = new CameraMeters(registry, "door");
            door.grabbed();
            door.grabbed();
            door.sent();
            door.dropped();
            door.state(CameraState.STREAMING);

            String metrics = get(ops, OpsServer.METRICS_PATH).body();
            assertThat(metrics).contains("facestream_ingest_frames_grabbed_total{camera=\"door\"} 2.0",
                    "facestream_ingest_frames_sent_total{camera=\"door\"} 1.0",
                    "facestream_ingest_frames_dropped_total{camera=\"door\"} 1.0",
                    "facestream_ingest_camera_state{camera=\"door\",state=\"streaming\"} 1.0",
                    "facestream_ingest_camera_state{camera=\"door\",state=\"down\"} 0.0");

            door.close();
            assertThat(get(ops, OpsServer.METRICS_PATH).body()).doesNotContain("facestream_ingest_camera_state")
                    .contains("facestream_ingest_frames_grabbed_total{camera=\"door\"} 2.0");
        }
    }

    @Test
    void healthIsDownUntilTheInstanceRuns() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        IngestService ingest = new IngestService(IngestConfig.forCluster("127.0.0.1:9"), List.of(), registry);
        try (OpsServer ops = IngestOpsServer.start(0, ingest, registry)) {
            HttpResponse<String> health = get(ops, OpsServer.HEALTH_PATH);
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).isEqualTo("{\"status\":\"DOWN\",\"cameras\":[]}");
        }
    }

    private static HttpResponse<String> get(OpsServer ops, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + ops.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
