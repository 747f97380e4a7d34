package io.facestream.sink.web;

import io.facestream.sink.live.LiveHub;
import io.facestream.sink.live.LiveMessage;
import io.facestream.sink.live.LiveSubscription;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * {@code GET /api/live}: server-sent events of type {@code face}, {@code frame}, {@code alert} and {@code status}, each with a JSON
 * object. Every client gets a thread of its own that writes from the client's bounded queue, so a slow or stalled
 * client delays only itself; one that falls too far behind is disconnected and reconnects.
 */
final class LiveStream implements Consumer<SseClient> {
    static final int MAX_CLIENTS = 64;
    /** Comments this often keep proxies from closing a quiet stream, and find clients that went away. */
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(10);

    private final LiveHub hub;
    private final AtomicInteger clients = new AtomicInteger();
    private final AtomicInteger started = new AtomicInteger();

    LiveStream(LiveHub hub) {
        this.hub = hub;
    }

    @Override
    public void accept(SseClient client) {
        if (clients.incrementAndGet() > MAX_CLIENTS) {
            clients.decrementAndGet();
            client.sendEvent("error", "{\"error\":\"too many live clients (" + MAX_CLIENTS + ")\"}");
            client.close();
            return;
        }
        client.keepAlive();
        LiveSubscription subscription = hub.subscribe();
        client.onClose(subscription::close);
        Thread writer = new Thread(() -> write(client, subscription), "sink-live-client-" + started.incrementAndGet());
        writer.setDaemon(true);
        writer.start();
    }

    private void write(SseClient client, LiveSubscription subscription) {
        try {
            client.sendComment("face-stream live events");
            while (!client.terminated() && !subscription.isClosed()) {
                Optional<LiveMessage> message = subscription.next(KEEP_ALIVE);
                if (message.isPresent()) {
                    client.sendEvent(message.get().type(), message.get().json());
                } else if (!subscription.isClosed()) {
                    client.sendComment("keep-alive");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            subscription.close();
            client.close();
            clients.decrementAndGet();
        }
    }
}
