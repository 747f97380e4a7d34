package io.facestream.launcher;

import io.facestream.sink.SinkConfig;
import io.facestream.sink.SinkService;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;

/** {@code face-stream sink}: stores every face event and serves the REST API, configured by the environment. */
@Command(name = "sink", mixinStandardHelpOptions = true,
        description = {"Runs the sink: stores every event of the faces topic (in batches, each once) "
                + "in an embedded H2 database, or PostgreSQL when SINK_JDBC_URL is set, and serving "
                + "the web dashboard at / and the REST API (described at /api/openapi.yaml); raises door alerts "
                + "(face present / gone, camera down / up) to the alerts topic, the database, a webhook and MQTT.",
                "",
                "Environment (defaults in brackets): KAFKA_BOOTSTRAP_SERVERS [localhost:9092], KAFKA_CLIENT_*, "
                        + "SINK_DATA_DIR [data/sink], SINK_JDBC_URL [embedded H2], SINK_JDBC_USER, SINK_JDBC_PASSWORD, "
                        + "SINK_HTTP_PORT [8080; 0: any free port], SINK_APPLICATION_ID [face-stream-sink], "
                        + "SINK_HTTP_HOST [0.0.0.0], SINK_API_TOKEN [none: open; else required as Bearer token or "
                        + "Basic password by all but /api/health], "
                        + "SINK_ALERT_MIN_SCORE [0.9], SINK_ALERT_MIN_FACE_SIZE [40], SINK_ALERT_PRESENT_FRAMES [3], "
                        + "SINK_ALERT_WINDOW_FRAMES [5], SINK_ALERT_GONE_AFTER_MS [3000], SINK_ALERT_SILENCE_MS [10000], "
                        + "SINK_WEBHOOK_URL, SINK_WEBHOOK_SECRET, SINK_WEBHOOK_MAX_ATTEMPTS [5], "
                        + "SINK_WEBHOOK_BACKOFF_MS [500], SINK_WEBHOOK_TIMEOUT_MS [5000], SINK_MQTT_URL, SINK_MQTT_USER, "
                        + "SINK_MQTT_PASSWORD, SINK_MQTT_TOPIC_PREFIX [face-stream/alerts]."})
final class SinkCommand implements Callable<Integer> {

    @Override
    public Integer call() throws InterruptedException {
        SinkService sink = new SinkService(SinkConfig.fromEnvironment());
        sink.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sink.close();
            stopped.countDown();
        }, "sink-shutdown"));
        stopped.await();
        return 0;
    }
}
