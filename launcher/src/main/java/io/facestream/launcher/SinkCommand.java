package io.facestream.launcher;

import io.facestream.sink.SinkConfig;
import io.facestream.sink.SinkService;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code face-stream sink}: stores every face event and serves the REST API, configured by the environment. */
@Command(name = "sink", mixinStandardHelpOptions = true,
        description = {"Runs the sink: stores every event of the faces topic (in batches, each once) "
                + "in an embedded H2 database, or PostgreSQL when SINK_JDBC_URL is set, and serving "
                + "the web dashboard at / and the REST API (described at /api/openapi.yaml), and Prometheus metrics at "
                + "/metrics; raises door alerts (face present / gone, camera down / up) to the alerts topic, the "
                + "database, a webhook and MQTT. With SINK_API_TOKEN set, every request but /api/health and /metrics "
                + "must carry it, as a Bearer token or as the Basic password."})
final class SinkCommand implements Callable<Integer> {

    @Override
    public Integer call() throws InterruptedException {
        try (StopSignal stop = StopSignal.install("sink");
             SinkService sink = new SinkService(SinkConfig.fromEnvironment())) {
            sink.start();
            stop.await();
        }
        return 0;
    }
}
