package io.facestream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class OpsServerTest {

    @Test
    void aServerOnTheLoopbackAddressListensThereOnly() throws Exception {
        try (OpsServer ops = OpsServer.start("test", InetAddress.getLoopbackAddress(), 0, "TEST_PORT",
                () -> new OpsServer.Health(true, "{\"status\":\"UP\"}"), () -> "")) {
            assertThat(ops.address().isLoopbackAddress()).isTrue();
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + ops.port() + OpsServer.HEALTH_PATH)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
        }
        try (OpsServer ops = OpsServer.start("test", 0, "TEST_PORT", () -> new OpsServer.Health(true, "{}"), () -> "")) {
            assertThat(ops.address().isAnyLocalAddress()).as("every interface").isTrue();
        }
    }
}
