package io.facestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.facestream.ingest.Camera;
import io.facestream.ingest.CameraFile;
import io.facestream.ingest.CameraMeters;
import io.facestream.ingest.IngestConfig;
import io.facestream.schemas.EnvironmentVariable;
import io.facestream.schemas.KafkaSettings;
import io.facestream.schemas.Topics;
import io.facestream.sink.SinkApi;
import io.facestream.sink.SinkConfig;
import io.facestream.sink.SinkMeters;
import io.facestream.worker.WorkerConfig;
import io.facestream.sink.alerts.AlertMetrics;
import io.facestream.worker.WorkerMetrics;
import io.facestream.worker.WorkerService;
import io.facestream.schemas.OpsServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files of {@code deploy/} against the code: no container engine runs here, so what a container
 * or a cluster would find out at start is checked instead. Every variable they set is one the service
 * reads, every port and health path is the service's, images, topics, groups and partition counts
 * agree, the API token is required, and the dashboard asks only for metrics the services publish.
 */
class DeploymentFilesTest {
    private static final Path DEPLOY = repositoryRoot().resolve("deploy");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Set in the deployment files for a feature of a branch not merged yet: accepted while the service does
     * not read it (empty when every branch the files rely on is merged).
     */
    private static final Set<String> PENDING = Set.of();
    /** Read by the JVM or the image, not by face-stream's configuration. */
    private static final Set<String> RUNTIME = Set.of("JAVA_TOOL_OPTIONS", "JAVA_HOME", "PATH");

    /** Frames/s one worker on 2 cores sustains through the whole pipeline at 640x480 (README). */
    private static final double WORKER_FRAMES_PER_SECOND = 27;

    enum Service {
        INGEST("ingest", IngestConfig::fromEnvironment, IngestConfig.VARIABLES, "INGEST_HTTP_PORT",
                OpsServer.HEALTH_PATH, OpsServer.METRICS_PATH),
        WORKER("worker", WorkerConfig::fromEnvironment, WorkerConfig.VARIABLES, "WORKER_HTTP_PORT",
                WorkerService.HEALTH_PATH, WorkerService.METRICS_PATH),
        SINK("sink", SinkConfig::fromEnvironment, SinkConfig.variables(), "SINK_HTTP_PORT", SinkApi.HEALTH_PATH,
                SinkApi.METRICS_PATH),
        TOPICS("topics", KafkaSettings::fromEnvironment, List.of(), null, null, null);

        final String command;
        final Function<Map<String, String>, ?> readConfig;
        final List<EnvironmentVariable> declared;
        final String portVariable;
        final String healthPath;
        final String metricsPath;

        Service(String command, Function<Map<String, String>, ?> readConfig, List<EnvironmentVariable> declared,
                String portVariable, String healthPath, String metricsPath) {
            this.command = command;
            this.readConfig = readConfig;
            this.declared = declared;
            this.portVariable = portVariable;
            this.healthPath = healthPath;
            this.metricsPath = metricsPath;
        }

        static Service of(String command) {
            return Stream.of(values()).filter(s -> s.command.equals(command)).findFirst()
                    .orElseThrow(() -> new AssertionError("no service runs as '" + command + "'"));
        }

        /** The variables the configuration actually reads: recorded while it reads an empty environment. */
        Set<String> read() {
            RecordingEnvironment env = new RecordingEnvironment();
            readConfig.apply(env);
            KafkaSettings.fromEnvironment(env);
            return env.asked;
        }

        boolean reads(String variable) {
            return read().contains(variable) || variable.startsWith(KafkaSettings.CLIENT_PREFIX)
                    || declared.stream().anyMatch(v -> v.isPrefix() && v.matches(variable))
                    || LogSettings.VARIABLES.stream().anyMatch(v -> v.matches(variable)) || RUNTIME.contains(variable)
                    || PENDING.contains(variable);
        }

        int defaultPort() {
            RecordingEnvironment empty = new RecordingEnvironment();
            return switch (this) {
                case INGEST -> IngestConfig.fromEnvironment(empty).httpPort();
                case WORKER -> WorkerConfig.fromEnvironment(empty).httpPort();
                case SINK -> SinkConfig.fromEnvironment(empty).httpPort();
                case TOPICS -> throw new AssertionError("topics serves no port");
            };
        }
    }

    @Test
    void everyDeploymentFileParses() throws IOException {
        List<Path> files = deployFiles();
        assertThat(files).hasSizeGreaterThan(15);
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                assertThat(documents(file)).as(file.toString()).isNotEmpty();
            } else if (name.endsWith(".json")) {
                assertThat(JSON.readTree(file.toFile()).isObject()).as(file.toString()).isTrue();
            }
        }
    }

    @Test
    void configurationsDeclareExactlyTheVariablesTheyRead() {
        for (Service service : List.of(Service.INGEST, Service.WORKER, Service.SINK)) {
            Set<String> declared = new TreeSet<>();
            // A prefix (CAMERA_SECRET_*) is read by going through the whole environment, not by name.
            service.declared.stream().filter(v -> !v.isPrefix()).forEach(v -> declared.add(v.name()));
            Set<String> read = new TreeSet<>(service.read());
            read.removeIf(name -> KafkaSettings.VARIABLES.stream().anyMatch(v -> v.matches(name)));
            assertThat(declared).as(service + ": the list beside its configuration (and its --help)").isEqualTo(read);
        }
    }

    @Test
    void composeSetsOnlyVariablesTheServicesReadAndChecksTheirHealthEndpoints() throws IOException {
        JsonNode services = documents(DEPLOY.resolve("compose.yaml")).get(0).get("services");
        int checked = 0;
        for (Map.Entry<String, JsonNode> entry : fields(services).entrySet()) {
            JsonNode spec = entry.getValue();
            if (!spec.path("image").asText().startsWith("face-stream:")) {
                continue;
            }
            Service service = Service.of(spec.get("command").get(0).asText());
            assertThat(spec.at("/build/context").asText()).isEqualTo("..");
            assertThat(DEPLOY.resolve("..").resolve(spec.at("/build/dockerfile").asText())).isRegularFile();
            Map<String, String> env = textFields(spec.path("environment"));
            env.keySet().forEach(variable -> assertThat(service.reads(variable))
                    .as("compose service %s sets %s", entry.getKey(), variable).isTrue());
            if (service.healthPath != null) {
                String url = spec.get("healthcheck").get("test").get(spec.get("healthcheck").get("test").size() - 1)
                        .asText();
                int port = Integer.parseInt(env.getOrDefault(service.portVariable, "" + service.defaultPort()));
                assertThat(url).as("health check of " + entry.getKey())
                        .isEqualTo("http://127.0.0.1:" + port + service.healthPath);
            }
            checked++;
        }
        assertThat(checked).as("topics, ingest, worker, sink").isEqualTo(4);
        for (Path override : List.of(DEPLOY.resolve("compose.gpu.yaml"))) {
            JsonNode worker = documents(override).get(0).get("services").get("worker");
            assertThat(textFields(worker.path("environment"))).containsEntry("DETECTOR_PROVIDER", "cuda");
            assertThat(worker.at("/deploy/resources/reservations/devices/0/capabilities/0").asText()).isEqualTo("gpu");
            assertThat(worker.at("/build/dockerfile").asText()).isEqualTo("deploy/Dockerfile.cuda");
        }
    }

    @Test
    void composeRequiresTheApiTokenAndCreatesTheTopicsWorkersCanShare() throws IOException {
        JsonNode services = documents(DEPLOY.resolve("compose.yaml")).get(0).get("services");
        assertThat(services.at("/sink/environment/SINK_API_TOKEN").asText()).startsWith("${SINK_API_TOKEN:?");
        assertThat(services.at("/topics/command").toString())
                .isEqualTo("[\"topics\",\"--partitions\",\"" + Topics.DEFAULT_PARTITIONS + "\"]");
        assertThat(services.get("worker").has("container_name")).as("--scale worker=N needs no fixed name").isFalse();
        assertThat(services.get("worker").has("ports")).as("--scale worker=N needs no published port").isFalse();
        assertThat(services.at("/kafka/image").asText()).startsWith("apache/kafka:");
        assertThat(services.at("/kafka/environment/KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
        assertThat(fields(services).keySet()).contains("postgres", "mosquitto", "prometheus", "grafana");
        assertThat(services.at("/sink/environment/SINK_JDBC_URL").asText()).startsWith("jdbc:postgresql://postgres:");
        CameraFile.read(DEPLOY.resolve("cameras.yaml"));
    }

    @Test
    void theCameraFilesCommentedAlertRulesAndDetectionSettingsAreValidOnceUncommented(@TempDir Path dir)
            throws IOException {
        String example = String.join("\n", Files.readAllLines(DEPLOY.resolve("cameras.yaml")).stream()
                .map(line -> line.matches("  # (alerts:|detection:|  ).*") ? "  " + line.substring(4) : line).toList());
        Path uncommented = Files.writeString(dir.resolve("cameras.yaml"), example + "\n");

        Camera door = CameraFile.read(uncommented).get(0);

        assertThat(door.alerts()).as(example).isNotNull();
        assertThat(door.alerts().getWindowFrames()).isEqualTo(5);
        assertThat(door.alerts().getZones()).hasSize(1);
        assertThat(door.detection()).as(example).isNotNull();
        assertThat(door.detection().getMinFaceSize()).isEqualTo(40);
        assertThat(door.detection().getRegion()).hasSize(4);
        assertThat(door.detection().getFullScanIntervalMillis()).isEqualTo(2000L);
        assertThat(door.detection().getMotionThreshold()).isEqualTo(18);
        assertThat(door.detection().getTracking()).isTrue();
    }

    @Test
    void prometheusScrapesEachServiceWhereItServesMetrics() throws IOException {
        JsonNode jobs = documents(DEPLOY.resolve("prometheus/prometheus.yml")).get(0).get("scrape_configs");
        Map<String, JsonNode> byName = new HashMap<>();
        jobs.forEach(job -> byName.put(job.get("job_name").asText(), job));
        for (Service service : List.of(Service.INGEST, Service.WORKER, Service.SINK)) {
            JsonNode job = byName.get(service.command);
            assertThat(job).as(service.command).isNotNull();
            assertThat(job.get("metrics_path").asText()).isEqualTo(service.metricsPath);
            String port = job.has("dns_sd_configs") ? job.at("/dns_sd_configs/0/port").asText()
                    : job.at("/static_configs/0/targets/0").asText().replaceAll(".*:", "");
            assertThat(Integer.parseInt(port)).as(service.command).isEqualTo(service.defaultPort());
        }
    }

    @Test
    void containerHealthCheckAsksEachServiceAtItsPortAndPath() throws IOException {
        String script = Files.readString(DEPLOY.resolve("healthcheck.sh"));
        for (Service service : List.of(Service.INGEST, Service.WORKER, Service.SINK)) {
            assertThat(script).contains("*\" " + service.command + " \"*) url=\"http://127.0.0.1:${"
                    + service.portVariable + ":-" + service.defaultPort() + "}" + service.healthPath + "\"");
        }
        for (String dockerfile : List.of("Dockerfile", "Dockerfile.cuda")) {
            String text = Files.readString(DEPLOY.resolve(dockerfile));
            assertThat(text).contains("COPY --from=build /src/launcher/target/face-stream.jar /app/face-stream.jar",
                    "USER 10001", "HEALTHCHECK", "COPY deploy/healthcheck.sh /usr/local/bin/face-stream-health");
            Matcher env = Pattern.compile("(?m)^ENV (.*?)(?=^\\S)", Pattern.DOTALL).matcher(text + "\nEND");
            while (env.find()) {
                Matcher name = Pattern.compile("\\b([A-Z][A-Z0-9_]*)=").matcher(env.group(1));
                while (name.find()) {
                    assertThat(Service.SINK.reads(name.group(1)) || Service.WORKER.reads(name.group(1)))
                            .as(dockerfile + " sets " + name.group(1)).isTrue();
                }
            }
        }
        assertThat(Files.readString(DEPLOY.resolve("Dockerfile.cuda"))).contains("-Pcuda", "cudnn");
        assertThat(Files.readString(repositoryRoot().resolve("launcher/pom.xml")))
                .contains("<finalName>face-stream</finalName>");
    }

    @Test
    void kubernetesDeploymentsSetOnlyVariablesTheServicesReadAndProbeTheirHealthEndpoints() throws IOException {
        List<JsonNode> base = kubernetes("base");
        Map<String, Map<String, String>> configMaps = new HashMap<>();
        Map<String, Map<String, String>> secrets = new HashMap<>();
        base.stream().filter(kind("ConfigMap")).forEach(m -> configMaps.put(name(m), textFields(m.get("data"))));
        documents(DEPLOY.resolve("kubernetes/secrets.example.yaml")).forEach(s -> secrets.put(name(s),
                textFields(s.has("stringData") ? s.get("stringData") : s.get("data"))));
        String version = projectVersion();
        assertThat(documents(DEPLOY.resolve("kubernetes/base/kustomization.yaml")).get(0).at("/images/0/newTag")
                .asText()).isEqualTo(version);

        List<JsonNode> workloads = base.stream().filter(kind("Deployment").or(kind("Job"))).toList();
        assertThat(workloads).extracting(DeploymentFilesTest::name).containsExactlyInAnyOrder(
                "face-stream-ingest", "face-stream-worker", "face-stream-sink", "face-stream-topics");
        for (JsonNode workload : workloads) {
            JsonNode pod = workload.at("/spec/template/spec");
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).as(name(workload)).isTrue();
            JsonNode container = pod.at("/containers/0");
            assertThat(container.get("image").asText()).isEqualTo("face-stream");
            Service service = Service.of(container.at("/args/0").asText());
            Map<String, String> env = new LinkedHashMap<>();
            container.path("envFrom").forEach(from -> {
                Map<String, String> source = from.has("configMapRef")
                        ? configMaps.get(from.at("/configMapRef/name").asText())
                        : secrets.get(from.at("/secretRef/name").asText());
                assertThat(source).as(name(workload) + " envFrom " + from).isNotNull();
                env.putAll(source);
            });
            container.path("env").forEach(variable -> {
                env.put(variable.get("name").asText(), variable.path("value").asText(""));
                JsonNode secretRef = variable.at("/valueFrom/secretKeyRef");
                if (!secretRef.isMissingNode()) {
                    assertThat(secrets.get(secretRef.get("name").asText())).as(variable.toString())
                            .containsKey(secretRef.get("key").asText());
                    assertThat(secretRef.path("optional").asBoolean(false)).isFalse();
                }
            });
            env.keySet().forEach(variable -> assertThat(service.reads(variable))
                    .as("%s sets %s", name(workload), variable).isTrue());
            pod.path("volumes").forEach(volume -> {
                if (volume.has("secret")) {
                    assertThat(secrets).containsKey(volume.at("/secret/secretName").asText());
                }
                if (volume.has("persistentVolumeClaim")) {
                    assertThat(base.stream().filter(kind("PersistentVolumeClaim")).map(DeploymentFilesTest::name))
                            .contains(volume.at("/persistentVolumeClaim/claimName").asText());
                }
            });
            if (service.healthPath != null) {
                int port = Integer.parseInt(env.getOrDefault(service.portVariable, "" + service.defaultPort()));
                assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(port);
                for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                    assertThat(container.at("/" + probe + "/httpGet/path").asText()).as(name(workload) + " " + probe)
                            .isEqualTo(service.healthPath);
                    assertThat(container.at("/" + probe + "/httpGet/port").asText())
                            .isEqualTo(container.at("/ports/0/name").asText());
                }
                assertThat(pod.get("securityContext").has("runAsUser")).isTrue();
                assertThat(workload.at("/spec/template/metadata/annotations/prometheus.io~1port").asText())
                        .isEqualTo("" + port);
            }
        }
        JsonNode sink = workloads.stream().filter(w -> name(w).equals("face-stream-sink")).findFirst().orElseThrow();
        assertThat(sink.at("/spec/template/spec/containers/0/env").findValuesAsText("name")).contains("SINK_API_TOKEN");
        JsonNode pdb = base.stream().filter(kind("PodDisruptionBudget")).findFirst().orElseThrow();
        assertThat(pdb.at("/spec/selector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo("face-stream-worker");
        Map<String, String> kafka = configMaps.get("face-stream-kafka");
        assertThat(KafkaSettings.fromEnvironment(kafka).clientProperties()).containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void kedaScalesWorkersOnTheLagOfFramesUpToThePartitionCount() throws IOException {
        List<JsonNode> keda = kubernetes("components/keda");
        JsonNode scaled = keda.stream().filter(kind("ScaledObject")).findFirst().orElseThrow();
        JsonNode trigger = scaled.at("/spec/triggers/0");
        assertThat(trigger.get("type").asText()).isEqualTo("kafka");
        assertThat(scaled.at("/spec/scaleTargetRef/name").asText()).isEqualTo("face-stream-worker");
        assertThat(trigger.at("/metadata/topic").asText()).isEqualTo(Topics.FRAMES);
        WorkerConfig defaults = WorkerConfig.fromEnvironment(Map.of());
        assertThat(trigger.at("/metadata/consumerGroup").asText()).isEqualTo(defaults.groupId())
                .isEqualTo(workerEnv("WORKER_GROUP_ID"));
        Map<String, String> kafka = textFields(kubernetes("base").stream().filter(kind("ConfigMap")).findFirst()
                .orElseThrow().get("data"));
        assertThat(trigger.at("/metadata/bootstrapServers").asText()).isEqualTo(kafka.get("KAFKA_BOOTSTRAP_SERVERS"));

        int partitions = topicsJobPartitions();
        assertThat(partitions).isEqualTo(Topics.DEFAULT_PARTITIONS);
        assertThat(scaled.at("/spec/maxReplicaCount").asInt()).isEqualTo(partitions);
        JsonNode hpa = kubernetes("components/hpa").get(0);
        assertThat(hpa.at("/spec/maxReplicas").asInt()).isEqualTo(partitions);
        assertThat(hpa.at("/spec/scaleTargetRef/name").asText()).isEqualTo("face-stream-worker");

        // The threshold is a couple of seconds of one worker's measured work: far below the age at which
        // frames are skipped as stale, so workers are added before frames go stale.
        double seconds = Double.parseDouble(trigger.at("/metadata/lagThreshold").asText()) / WORKER_FRAMES_PER_SECOND;
        assertThat(seconds).isBetween(1.0, 3.0);
        assertThat(Duration.ofMillis((long) (seconds * 1000))).isLessThan(defaults.maxFrameAge().dividedBy(3));

        JsonNode auth = keda.stream().filter(kind("TriggerAuthentication")).findFirst().orElseThrow();
        assertThat(name(auth)).isEqualTo(trigger.at("/authenticationRef/name").asText());
        Map<String, Map<String, String>> secrets = new HashMap<>();
        documents(DEPLOY.resolve("kubernetes/secrets.example.yaml")).forEach(s -> secrets.put(name(s),
                textFields(s.has("stringData") ? s.get("stringData") : s.get("data"))));
        auth.at("/spec/secretTargetRef").forEach(ref -> assertThat(secrets.get(ref.get("name").asText()))
                .containsKey(ref.get("key").asText()));
    }

    @Test
    void overlaysPutWorkersOnGpusOrCpusWithAnAutoscaler() throws IOException {
        JsonNode gpu = documents(DEPLOY.resolve("kubernetes/overlays/gpu/kustomization.yaml")).get(0);
        assertThat(gpu.get("components").get(0).asText()).isEqualTo("../../components/keda");
        JsonNode patch = documents(DEPLOY.resolve("kubernetes/overlays/gpu/worker-gpu.yaml")).get(0);
        assertThat(name(patch)).isEqualTo("face-stream-worker");
        JsonNode container = patch.at("/spec/template/spec/containers/0");
        assertThat(container.get("image").asText()).isEqualTo("face-stream:" + projectVersion() + "-cuda");
        assertThat(container.at("/resources/limits/nvidia.com~1gpu").asInt()).isEqualTo(1);
        container.get("env").forEach(v -> assertThat(Service.WORKER.reads(v.get("name").asText())).isTrue());
        assertThat(container.get("env").findValuesAsText("value")).contains("cuda");
        for (String overlay : List.of("cpu", "gpu", "cpu-hpa")) {
            JsonNode kustomization = documents(DEPLOY.resolve("kubernetes/overlays/" + overlay + "/kustomization.yaml"))
                    .get(0);
            assertThat(kustomization.get("resources").get(0).asText()).isEqualTo("../../base");
            kustomization.get("components").forEach(component -> assertThat(
                    DEPLOY.resolve("kubernetes/overlays/" + overlay).resolve(component.asText())
                            .resolve("kustomization.yaml")).exists());
        }
        for (JsonNode kustomization : List.of(documents(DEPLOY.resolve("kubernetes/base/kustomization.yaml")).get(0),
                documents(DEPLOY.resolve("kubernetes/components/keda/kustomization.yaml")).get(0),
                documents(DEPLOY.resolve("kubernetes/components/hpa/kustomization.yaml")).get(0))) {
            assertThat(kustomization.get("resources")).isNotEmpty();
        }
    }

    /** Where kubectl is installed, what the cluster would get: every overlay rendered by kustomize. */
    @Test
    void everyOverlayRendersWithKustomize() throws Exception {
        Assumptions.assumeTrue(onPath("kubectl"), "kubectl is not installed: overlays not rendered");
        for (String overlay : List.of("cpu", "gpu", "cpu-hpa")) {
            Process kustomize = new ProcessBuilder("kubectl", "kustomize",
                    DEPLOY.resolve("kubernetes/overlays/" + overlay).toString()).redirectErrorStream(true).start();
            String rendered = new String(kustomize.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(kustomize.waitFor()).as(overlay + ": " + rendered).isZero();
            List<JsonNode> docs;
            try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(rendered)) {
                docs = values.readAll();
            }
            Map<String, JsonNode> deployments = new HashMap<>();
            docs.stream().filter(kind("Deployment")).forEach(d -> deployments.put(name(d), d));
            String version = projectVersion();
            String workerImage = deployments.get("face-stream-worker").at("/spec/template/spec/containers/0/image").asText();
            assertThat(workerImage).isEqualTo("face-stream:" + version + (overlay.equals("gpu") ? "-cuda" : ""));
            for (String other : List.of("face-stream-ingest", "face-stream-sink")) {
                assertThat(deployments.get(other).at("/spec/template/spec/containers/0/image").asText())
                        .isEqualTo("face-stream:" + version);
            }
            assertThat(deployments.get("face-stream-worker")
                    .at("/spec/template/spec/containers/0/resources/limits/nvidia.com~1gpu").isMissingNode())
                    .isEqualTo(!overlay.equals("gpu"));
            assertThat(docs.stream().filter(kind("ScaledObject").or(kind("HorizontalPodAutoscaler"))).count())
                    .as(overlay + ": one autoscaler").isEqualTo(1);
        }
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    @Test
    void dashboardAsksOnlyForMetricsTheServicesPublish() throws IOException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new CameraMeters(registry, "door");
        new WorkerMetrics(registry);
        new SinkMeters(registry);
        new AlertMetrics(registry);
        Set<String> published = new TreeSet<>();
        registry.scrape().lines().filter(line -> !line.startsWith("#"))
                .forEach(line -> published.add(line.replaceAll("[{ ].*", "")));

        JsonNode dashboard = JSON.readTree(DEPLOY.resolve("grafana/dashboards/face-stream.json").toFile());
        List<String> expressions = dashboard.findValuesAsText("expr");
        assertThat(expressions).hasSizeGreaterThan(10);
        Set<String> used = new TreeSet<>();
        Pattern metric = Pattern.compile("\\bfacestream_[a-z_]+");
        expressions.forEach(expr -> metric.matcher(expr).results().forEach(m -> used.add(m.group())));
        assertThat(published).containsAll(used);
        assertThat(used).contains("facestream_ingest_frames_grabbed_total", "facestream_ingest_frames_sent_total",
                "facestream_ingest_frames_dropped_total", "facestream_ingest_camera_state",
                "facestream_worker_stage_latency_seconds_bucket", "facestream_worker_batch_size_bucket",
                "facestream_worker_lag", "facestream_worker_dlq_total", "facestream_worker_frames_examined_total",
                "facestream_sink_events_stored_total",
                "facestream_sink_records_unreadable_total", "facestream_alerts_raised_total",
                "facestream_alert_deliveries_total");
        dashboard.findValues("datasource").forEach(ds -> assertThat(ds.get("uid").asText()).isEqualTo("prometheus"));
        JsonNode datasource = documents(DEPLOY.resolve("grafana/provisioning/datasources/prometheus.yaml")).get(0);
        assertThat(datasource.at("/datasources/0/uid").asText()).isEqualTo("prometheus");
    }

    private static String workerEnv(String variable) throws IOException {
        JsonNode worker = kubernetes("base").stream().filter(d -> name(d).equals("face-stream-worker")).findFirst()
                .orElseThrow();
        for (JsonNode v : worker.at("/spec/template/spec/containers/0/env")) {
            if (v.get("name").asText().equals(variable)) {
                return v.get("value").asText();
            }
        }
        throw new AssertionError("worker.yaml does not set " + variable);
    }

    private static int topicsJobPartitions() throws IOException {
        JsonNode job = kubernetes("base").stream().filter(kind("Job")).findFirst().orElseThrow();
        List<String> args = new ArrayList<>();
        job.at("/spec/template/spec/containers/0/args").forEach(a -> args.add(a.asText()));
        return Integer.parseInt(args.get(args.indexOf("--partitions") + 1));
    }

    /** The documents of every file a kustomization in {@code folder} lists as a resource. */
    private static List<JsonNode> kubernetes(String folder) throws IOException {
        Path dir = DEPLOY.resolve("kubernetes").resolve(folder);
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode resource : documents(dir.resolve("kustomization.yaml")).get(0).get("resources")) {
            Path file = dir.resolve(resource.asText());
            assertThat(file).as("listed in " + folder + "/kustomization.yaml").isRegularFile();
            for (JsonNode doc : documents(file)) {
                assertThat(doc.hasNonNull("apiVersion") && doc.hasNonNull("kind") && doc.at("/metadata/name").isTextual())
                        .as(file + ": apiVersion, kind and metadata.name").isTrue();
                all.add(doc);
            }
        }
        return all;
    }

    private static java.util.function.Predicate<JsonNode> kind(String kind) {
        return doc -> doc.path("kind").asText().equals(kind);
    }

    private static String name(JsonNode doc) {
        return doc.at("/metadata/name").asText();
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
            return values.readAll().stream().filter(doc -> doc != null && !doc.isNull() && !doc.isMissingNode())
                    .toList();
        }
    }

    private static Map<String, JsonNode> fields(JsonNode node) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
        return fields;
    }

    private static Map<String, String> textFields(JsonNode node) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (node != null) {
            node.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().asText()));
        }
        return fields;
    }

    private static List<Path> deployFiles() throws IOException {
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static String projectVersion() throws IOException {
        String pom = Files.readString(repositoryRoot().resolve("pom.xml"));
        Matcher version = Pattern.compile("<artifactId>face-stream-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pom);
        assertThat(version.find()).as("the project version in pom.xml").isTrue();
        return version.group(1).replace("-SNAPSHOT", "");
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("deploy"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new AssertionError("no deploy/ folder above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** An empty environment that remembers which variables were asked for. */
    private static final class RecordingEnvironment extends AbstractMap<String, String> {
        final Set<String> asked = new TreeSet<>();

        @Override
        public String get(Object key) {
            asked.add((String) key);
            return null;
        }

        @Override
        public boolean containsKey(Object key) {
            asked.add((String) key);
            return false;
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            return Set.of();
        }
    }
}
