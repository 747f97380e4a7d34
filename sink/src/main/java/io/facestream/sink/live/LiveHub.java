package io.facestream.sink.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facestream.schemas.avro.Alert;
import io.facestream.schemas.avro.CameraStatus;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.schemas.avro.Frame;
import io.facestream.sink.ApiJson;
import io.facestream.sink.people.FaceIdentifier;
import io.facestream.sink.people.FaceIdentities;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live state the dashboard shows, fed by {@link LiveFeed}: per camera its recent frames and newest face event,
 * the latest alerts and camera states, and the subscribers of {@code GET /api/live}. Memory is bounded: at most 4 MB
 * of recent frames per camera for at most {@value #MAX_CAMERAS} cameras, {@value #RECENT_ALERTS} alerts, and bounded subscriber queues.
 */
public final class LiveHub implements AutoCloseable {
    static final int MAX_CAMERAS = 256;
    static final int RECENT_ALERTS = 50;
    private static final Logger LOG = LoggerFactory.getLogger(LiveHub.class);

    private final ObjectMapper json = ApiJson.mapper();
    /** Who the faces are, for the names on the tiles; null: nobody is identified. */
    private final FaceIdentifier identifier;
    private final Map<String, CameraActivity> cameras = new ConcurrentHashMap<>();
    private final Map<String, LiveViews.StatusView> statuses = new ConcurrentHashMap<>();
    private final Deque<LiveViews.AlertView> recentAlerts = new ArrayDeque<>();
    private final Set<LiveSubscription> subscribers = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private boolean warnedFull;

    /** A hub that identifies nobody. */
    public LiveHub() {
        this(null);
    }

    public LiveHub(FaceIdentifier identifier) {
        this.identifier = identifier;
    }

    public void frame(Frame frame) {
        activity(frame.getCameraId()).ifPresent(camera -> {
            if (camera.frame(frame, System.currentTimeMillis())) {
                publish("frame", new LiveViews.FrameView(frame.getCameraId(), frame.getSequence(), frame.getCaptureTime(),
                        frame.getWidth(), frame.getHeight()));
            }
        });
    }

    /** Called by one thread (the live feed's), as the identifier keeps each track's last match. */
    public void detections(FaceDetections event) {
        activity(event.getCameraId()).ifPresent(camera -> publish("face", camera.detection(event,
                identifier == null ? FaceIdentities.NONE : identifier.identify(List.of(event)),
                System.currentTimeMillis())));
    }

    public void alert(Alert alert) {
        LiveViews.AlertView view = LiveViews.AlertView.of(alert);
        synchronized (recentAlerts) {
            recentAlerts.addLast(view);
            while (recentAlerts.size() > RECENT_ALERTS) {
                recentAlerts.removeFirst();
            }
        }
        publish("alert", view);
    }

    public void status(String cameraId, CameraStatus status) {
        if (status == null) {
            statuses.remove(cameraId);
            return;
        }
        LiveViews.StatusView view = LiveViews.StatusView.of(status);
        statuses.put(cameraId, view);
        publish("status", view);
    }

    /** The newest face event of a camera with its fps, latency and lag. */
    public Optional<LiveViews.Detection> latest(String cameraId) {
        return Optional.ofNullable(cameras.get(cameraId)).flatMap(CameraActivity::latest);
    }

    /** The JPEG of frame {@code sequence} of a camera if still kept, else its newest frame; key: the frame's sequence. */
    public Optional<Map.Entry<Long, byte[]>> frame(String cameraId, Long sequence) {
        return Optional.ofNullable(cameras.get(cameraId)).flatMap(camera -> camera.frame(sequence));
    }

    /** The newest alerts seen since the sink started, oldest first. */
    public List<LiveViews.AlertView> recentAlerts() {
        synchronized (recentAlerts) {
            return new ArrayList<>(recentAlerts);
        }
    }

    /**
     * A new subscriber, first sent what is known now (each camera's state and newest event, the recent alerts), then
     * every change. Closing the subscription unsubscribes it.
     */
    public LiveSubscription subscribe() {
        LiveSubscription subscription = new LiveSubscription(subscribers::remove);
        if (closed) {
            subscription.close();
            return subscription;
        }
        // Registered before the snapshot is taken: a change in between arrives twice rather than never.
        subscribers.add(subscription);
        new TreeMap<>(statuses).values().forEach(status -> subscription.offer(message("status", status)));
        new TreeMap<>(cameras).keySet().forEach(camera -> latest(camera)
                .ifPresent(detection -> subscription.offer(message("face", detection))));
        recentAlerts().forEach(alert -> subscription.offer(message("alert", alert)));
        return subscription;
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    private Optional<CameraActivity> activity(String cameraId) {
        CameraActivity known = cameras.get(cameraId);
        if (known != null) {
            return Optional.of(known);
        }
        if (cameras.size() >= MAX_CAMERAS) {
            synchronized (this) {
                if (!warnedFull) {
                    warnedFull = true;
                    LOG.warn("the live view follows at most {} cameras; camera {} and later ones are not shown",
                            MAX_CAMERAS, cameraId);
                }
            }
            return Optional.empty();
        }
        return Optional.of(cameras.computeIfAbsent(cameraId, id -> new CameraActivity()));
    }

    private void publish(String type, Object view) {
        if (subscribers.isEmpty()) {
            return;
        }
        LiveMessage message = message(type, view);
        subscribers.forEach(subscriber -> subscriber.offer(message));
    }

    private LiveMessage message(String type, Object view) {
        try {
            return new LiveMessage(type, json.writeValueAsString(view));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a live " + type + " as JSON", e);
        }
    }

    /** Ends every subscription (their streams close) and refuses new ones. */
    @Override
    public void close() {
        closed = true;
        List.copyOf(subscribers).forEach(LiveSubscription::close);
    }
}
