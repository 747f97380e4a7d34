package io.facestream.sink.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facestream.schemas.avro.Alert;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookSenderTest {
    private static final String SECRET = "correct horse battery staple";
    private final Alert alert = TestAlerts.facePresent("door", "entrance", 42, 5);

    @Test
    void aWebhookFailingTwiceGetsTheSameSignedBodyAThirdTime() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(2, 503)) {
            WebhookSender sender = new WebhookSender(receiver.url(), SECRET, 5, Duration.ofMillis(20), Duration.ofSeconds(5));

            assertThat(sender.send(alert.getAlertId(), AlertDispatcher.json(alert))).isTrue();

            assertThat(receiver.requests).hasSize(3);
            assertThat(receiver.requests).extracting(WebhookReceiver.Request::body).containsOnly(
                    receiver.requests.get(0).body());
            for (WebhookReceiver.Request request : receiver.requests) {
                assertThat(request.signature()).isEqualTo(WebhookReceiver.expectedSignature(request.body(), SECRET));
                assertThat(request.alertId()).isEqualTo(alert.getAlertId());
                assertThat(request.contentType()).isEqualTo("application/json");
            }
            JsonNode body = new ObjectMapper().readTree(receiver.requests.get(0).body());
            assertThat(body.get("alertId").asText()).isEqualTo(alert.getAlertId());
            assertThat(body.get("type").asText()).isEqualTo("FACE_PRESENT");
            assertThat(body.get("zone").asText()).isEqualTo("entrance");
            assertThat(body.get("time").asText()).isEqualTo("2026-03-01T08:00:05.250Z");
            assertThat(body.at("/bestFace/crop").asText()).isEqualTo("/api/crops/door/41/0");
            assertThat(body.has("trackId")).isTrue();
            assertThat(body.get("trackId").isNull()).as("the zone's shared episode").isTrue();
        }
    }

    @Test
    void aPerPersonAlertCarriesItsTrackAndPerson() throws Exception {
        Alert person = TestAlerts.personPresent("door", "entrance", "1772352000123-0", 42, 5);
        try (WebhookReceiver receiver = new WebhookReceiver(0, 200)) {
            WebhookSender sender = new WebhookSender(receiver.url(), SECRET, 1, Duration.ofMillis(20), Duration.ofSeconds(5));

            assertThat(sender.send(person.getAlertId(), AlertDispatcher.json(person))).isTrue();

            JsonNode body = new ObjectMapper().readTree(receiver.requests.get(0).body());
            assertThat(body.get("trackId").asText()).isEqualTo("1772352000123-0");
            assertThat(body.get("alertId").asText()).endsWith("/1772352000123-0");
            assertThat(body.get("person").asText()).isEqualTo("Ada");
            assertThat(body.get("personId").asLong()).isEqualTo(3);
            assertThat(body.get("similarity").floatValue()).isEqualTo(0.82f);
        }
    }

    @Test
    void aSignatureMadeWithAnotherSecretOrBodyDoesNotMatch() {
        String body = "{\"alertId\":\"door/-/FACE_PRESENT/1/0\"}";
        String signature = WebhookSender.signature(body.getBytes(), SECRET.getBytes());
        assertThat(signature).isEqualTo(WebhookReceiver.expectedSignature(body, SECRET)).matches("sha256=[0-9a-f]{64}");
        assertThat(signature).isNotEqualTo(WebhookReceiver.expectedSignature(body, "another secret"))
                .isNotEqualTo(WebhookReceiver.expectedSignature(body + " ", SECRET));
    }

    @Test
    void aWebhookThatKeepsFailingIsGivenUpAfterTheLastAttempt() {
        try (WebhookReceiver receiver = new WebhookReceiver(Integer.MAX_VALUE, 500)) {
            WebhookSender sender = new WebhookSender(receiver.url(), SECRET, 4, Duration.ofMillis(10), Duration.ofSeconds(5));

            assertThat(sender.send(alert.getAlertId(), AlertDispatcher.json(alert))).isFalse();
            assertThat(receiver.requests).hasSize(4);
        }
    }

    @Test
    void aRejectedAlertIsNotRetried() {
        try (WebhookReceiver receiver = new WebhookReceiver(Integer.MAX_VALUE, 400)) {
            WebhookSender sender = new WebhookSender(receiver.url(), SECRET, 4, Duration.ofMillis(10), Duration.ofSeconds(5));

            assertThat(sender.send(alert.getAlertId(), AlertDispatcher.json(alert))).isFalse();
            assertThat(receiver.requests).hasSize(1);
        }
    }

    @Test
    void anUnreachableWebhookFailsAfterItsAttemptsAndWithoutSignatureWhenNoSecret() {
        WebhookSender sender = new WebhookSender(URI.create("http://127.0.0.1:1/hook"), "", 3, Duration.ofMillis(10),
                Duration.ofSeconds(2));
        assertThat(sender.send(alert.getAlertId(), AlertDispatcher.json(alert))).isFalse();

        try (WebhookReceiver receiver = new WebhookReceiver(0, 500)) {
            new WebhookSender(receiver.url(), "", 1, Duration.ofMillis(10), Duration.ofSeconds(2))
                    .send(alert.getAlertId(), AlertDispatcher.json(alert));
            assertThat(receiver.requests).singleElement().satisfies(request -> assertThat(request.signature()).isNull());
        }
    }
}
