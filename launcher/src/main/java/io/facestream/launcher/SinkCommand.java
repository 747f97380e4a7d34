package io.facestream.launcher;

import io.facestream.sink.SinkConfig;
import io.facestream.sink.SinkService;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code face-stream sink}: stores every face event and serves the REST API, configured by the environment. */
@Command(name = "sink", mixinStandardHelpOptions = true,
        description = {"Runs the sink: stores every event of the faces topic (in batches, each once) "
                + "in an embedded H2 database, or PostgreSQL when SINK_JDBC_URL is set, and serving "
                + "the web dashboard at / and the REST API (described at /api/openapi.yaml), and Prometheus metrics at "
                + "/metrics; raises door alerts (face present / gone, camera down / up) to the alerts topic, the "
                + "database, a webhook and MQTT. With SINK_API_TOKEN set, every request but /api/health and /metrics "
                + "must carry it, as a Bearer token or as the Basic password."})
final class SinkCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Where the settings come from: the process environment, or a test's. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() throws InterruptedException {
        SinkConfig config;
        try {
            config = SinkConfig.fromEnvironment(environment);
        } catch (IllegalArgumentException e) {
            return BadSetting.report(spec, e);
        }
        try (StopSignal stop = StopSignal.install("sink"); SinkService sink = new SinkService(config)) {
            sink.start();
            stop.await();
        }
        return 0;
    }
}
