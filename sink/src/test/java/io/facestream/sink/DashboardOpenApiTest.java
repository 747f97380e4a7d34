package io.facestream.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.facestream.broker.EmbeddedKafkaBroker;
import io.facestream.schemas.AvroSerde;
import io.facestream.schemas.DetectionSettingsJson;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.CameraConfig;
import io.facestream.schemas.avro.DetectionSettings;
import io.javalin.http.HandlerType;
import io.javalin.router.ParsedEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAPI document the sink serves describes every route of the sink's server as it really starts. */
class DashboardOpenApiTest {
    /** Loaded first: it tells Avro to trust the generated classes, which building settings with defaults needs. */
    private static final AvroSerde<CameraConfig> TRUSTS_OUR_RECORDS = new AvroSerde<>(CameraConfig.class);
    private static final Set<HandlerType> METHODS = Set.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT,
            HandlerType.PATCH, HandlerType.DELETE);

    @TempDir
    Path dataDir;

    @Test
    void everyRouteOfTheServerIsInTheOpenApiDocument() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), 0)) {
            broker.createTopics(Topics.specs());
            try (SinkService sink = new SinkService(SinkConfig.fromEnvironment(Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(), "SINK_DATA_DIR", dataDir.resolve("sink").toString(),
                    "SINK_HTTP_PORT", "0", "SINK_HTTP_HOST", "127.0.0.1",
                    "SINK_APPLICATION_ID", "openapi-test-" + UUID.randomUUID())))) {
                sink.start();
                HttpResponse<String> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + sink.httpPort() + "/api/openapi.yaml")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(served.statusCode()).isEqualTo(200);
                JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(served.body());
                assertThat(spec.get("openapi").asText()).startsWith("3.");

                Set<String> documented = new TreeSet<>();
                spec.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(
                        method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + normalised(path.getKey()))));
                Set<String> routes = new TreeSet<>();
                for (ParsedEndpoint route : sink.server().unsafe.internalRouter.allHttpHandlers()) {
                    if (METHODS.contains(route.endpoint.method)) {
                        routes.add(route.endpoint.method.name() + " " + normalised(route.endpoint.path));
                    }
                }

                assertThat(routes).contains("GET /api/events", "GET /api/live", "PUT /api/cameras/{}",
                        "GET /api/crops/{}/{}/{}");
                assertThat(documented).containsAll(routes);
            }
        }
    }

    @Test
    void cameraSchemasDocumentTheDetectionSettingsAsTheApiWritesThem() throws Exception {
        JsonNode schemas;
        try (var yaml = DashboardOpenApiTest.class.getResourceAsStream("/io/facestream/sink/web/openapi.yaml")) {
            schemas = new ObjectMapper(new YAMLFactory()).readTree(yaml).at("/components/schemas");
        }
        JsonNode written = DetectionSettingsJson.write(DetectionSettings.newBuilder().build());

        assertThat(names(schemas.at("/DetectionSettings/properties"))).containsExactlyElementsOf(names(written));
        for (String camera : List.of("CameraSettings", "Camera")) {
            assertThat(schemas.at("/" + camera + "/properties/detection/allOf/0/$ref").asText()).as(camera)
                    .isEqualTo("#/components/schemas/DetectionSettings");
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Path parameters compared by position, whatever they are called ({id}, {camera}, <path>). */
    private static String normalised(String path) {
        return path.replaceAll("\\{[^}]*}|<[^>]*>", "{}");
    }
}
