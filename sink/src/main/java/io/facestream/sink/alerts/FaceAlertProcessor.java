package io.facestream.sink.alerts;

import io.facestream.schemas.avro.Alert;
import io.facestream.schemas.avro.AlertType;
import io.facestream.schemas.avro.BoundingBox;
import io.facestream.schemas.avro.DetectedFace;
import io.facestream.schemas.avro.DetectionStatus;
import io.facestream.schemas.avro.FaceDetections;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Face events in, FACE_PRESENT and FACE_GONE alerts out. Only examined frames (status OK) count; a skipped or
 * undecodable frame neither opens nor ends an episode. An episode ends by event time (a later frame captured
 * {@code goneAfter} after the last face) or, when the camera sends no frame at all for {@code silence} (at least
 * {@code goneAfter}), by a wall-clock punctuation.
 */
final class FaceAlertProcessor implements Processor<String, FaceDetections, String, Alert> {
    static final Duration PUNCTUATION_INTERVAL = Duration.ofSeconds(1);

    private final AlertRule defaults;
    private final Duration silence;
    private final AlertMetrics metrics;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, CameraEpisodes> episodes;
    private CameraRules rules;
    /** Wall-clock time this task last saw a frame of each camera; not stored: after a restart it counts from then. */
    private final Map<String, Long> lastFrameAt = new HashMap<>();
    private long startedAt;

    FaceAlertProcessor(AlertRule defaults, Duration silence, AlertMetrics metrics) {
        this.defaults = defaults;
        this.silence = silence;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.episodes = context.getStateStore(AlertTopology.EPISODES);
        this.rules = new CameraRules(context.getStateStore(AlertTopology.CAMERA_RULES), defaults);
        this.startedAt = context.currentSystemTimeMs();
        context.schedule(PUNCTUATION_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::endEpisodesOfSilentCameras);
    }

    @Override
    public void process(Record<String, FaceDetections> record) {
        FaceDetections frame = record.value();
        if (frame == null) {
            return;
        }
        String camera = frame.getCameraId();
        lastFrameAt.put(camera, context.currentSystemTimeMs());
        if (frame.getStatus() != DetectionStatus.OK) {
            return;
        }
        AlertRule rule = rules.forCamera(camera);
        CameraEpisodes state = episodes.get(camera);
        if (state == null) {
            state = new CameraEpisodes();
        }
        long captureTime = frame.getCaptureTime().toEpochMilli();
        if (rule.zones().isEmpty()) {
            state.keepOnly(Set.of(CameraEpisodes.WHOLE_PICTURE));
            EpisodeTrack.BestFace face = bestFace(frame, rule, null);
            raise(camera, null, state.track(CameraEpisodes.WHOLE_PICTURE)
                    .onFrame(frame.getSequence(), captureTime, face, rule), captureTime, frame.getSequence(),
                    noFace(rule));
        } else {
            state.keepOnly(rule.zones().stream().map(Zone::name).collect(Collectors.toSet()));
            for (Zone zone : rule.zones()) {
                EpisodeTrack.BestFace face = bestFace(frame, rule, zone);
                raise(camera, zone.name(), state.track(zone.name())
                        .onFrame(frame.getSequence(), captureTime, face, rule), captureTime, frame.getSequence(),
                        noFace(rule));
            }
        }
        episodes.put(camera, state);
    }

    /** The best-scoring face of the frame that counts (score, size) in {@code zone} (null: anywhere). */
    private static EpisodeTrack.BestFace bestFace(FaceDetections frame, AlertRule rule, Zone zone) {
        List<DetectedFace> faces = frame.getFaces();
        EpisodeTrack.BestFace best = null;
        for (int index = 0; index < faces.size(); index++) {
            DetectedFace face = faces.get(index);
            BoundingBox box = face.getBox();
            float side = Math.min(box.getX2() - box.getX1(), box.getY2() - box.getY1());
            // Scores are floats: 0.9f is a little below 0.9, and a face scoring 0.9f must pass a threshold of 0.9.
            if (face.getScore() < (float) rule.minScore() || side < rule.minFaceSize()) {
                continue;
            }
            if (zone != null && !zone.contains((box.getX1() + box.getX2()) / 2.0 / frame.getWidth(),
                    (box.getY1() + box.getY2()) / 2.0 / frame.getHeight())) {
                continue;
            }
            if (best == null || face.getScore() > best.score()) {
                best = new EpisodeTrack.BestFace(frame.getSequence(), index, face.getScore(), box.getX1(), box.getY1(),
                        box.getX2(), box.getY2());
            }
        }
        return best;
    }

    private void endEpisodesOfSilentCameras(long now) {
        try (KeyValueIterator<String, CameraEpisodes> all = episodes.all()) {
            while (all.hasNext()) {
                KeyValue<String, CameraEpisodes> entry = all.next();
                String camera = entry.key;
                AlertRule rule = rules.forCamera(camera);
                long goneAfter = rule.goneAfter().toMillis();
                if (now - lastFrameAt.getOrDefault(camera, startedAt) < Math.max(goneAfter, silence.toMillis())) {
                    continue;
                }
                boolean changed = false;
                for (Map.Entry<String, EpisodeTrack> zone : entry.value.zones().entrySet()) {
                    EpisodeTrack track = zone.getValue();
                    if (track.isOpen()) {
                        long time = track.lastFaceTime() + goneAfter;
                        raise(camera, zone.getKey().isEmpty() ? null : zone.getKey(), track.close(), time, null,
                                "no frame from the camera for " + Math.max(goneAfter, silence.toMillis()) + " ms");
                        changed = true;
                    }
                }
                if (changed) {
                    episodes.put(camera, entry.value);
                }
            }
        }
    }

    private static String noFace(AlertRule rule) {
        return "no face for " + rule.goneAfter().toMillis() + " ms";
    }

    /** Forwards the alert of {@code change}, if any; {@code whyGone} is the reason a FACE_GONE gives. */
    private void raise(String camera, String zone, EpisodeTrack.Change change, long time, Long sequence,
                       String whyGone) {
        if (change == null) {
            return;
        }
        String reason = change.type() == AlertType.FACE_GONE ? whyGone : null;
        Alert alert = Alert.newBuilder()
                .setAlertId(AlertIds.ofEpisode(camera, zone, change.type(), change.openingSequence(), change.episodeStart()))
                .setCameraId(camera).setZone(zone).setType(change.type()).setTime(Instant.ofEpochMilli(time))
                .setEpisodeStart(Instant.ofEpochMilli(change.episodeStart())).setSequence(sequence)
                .setBestFace(change.best() == null ? null : change.best().toAvro()).setReason(reason).build();
        context.forward(new Record<>(camera, alert, time));
        metrics.raised(change.type());
    }
}
