package io.facestream.sink.alerts;

import io.facestream.schemas.avro.Alert;
import io.facestream.schemas.avro.AlertType;
import io.facestream.schemas.avro.BoundingBox;
import io.facestream.schemas.avro.DetectedFace;
import io.facestream.schemas.avro.DetectionStatus;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.sink.people.FaceIdentifier;
import io.facestream.sink.people.FaceIdentities;
import io.facestream.sink.people.FaceIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 * {@code goneAfter}), by a wall-clock punctuation. With per-person rules each face track has episodes of its own, by
 * the same rules; a track is forgotten once its episode has ended, or when its face has left the window unopened.
 * Each best face carries who the gallery says it is, and the rule's {@code notifyOf} decides whose episodes are told.
 */
final class FaceAlertProcessor implements Processor<String, FaceDetections, String, Alert> {
    static final Duration PUNCTUATION_INTERVAL = Duration.ofSeconds(1);

    private final AlertRule defaults;
    private final Duration silence;
    private final AlertMetrics metrics;
    private final FaceIdentifier identifier;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, CameraEpisodes> episodes;
    private CameraRules rules;
    /** Wall-clock time this task last saw a frame of each camera; not stored: after a restart it counts from then. */
    private final Map<String, Long> lastFrameAt = new HashMap<>();
    private long startedAt;

    /** @param identifier who the faces are, for this processor alone (it keeps track identities) */
    FaceAlertProcessor(AlertRule defaults, Duration silence, AlertMetrics metrics, FaceIdentifier identifier) {
        this.defaults = defaults;
        this.silence = silence;
        this.metrics = metrics;
        this.identifier = identifier;
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
        FaceIdentities identities = identifier.identify(List.of(frame));
        CameraEpisodes state = episodes.get(camera);
        if (state == null) {
            state = new CameraEpisodes();
        }
        if (rule.zones().isEmpty()) {
            state.keepOnly(Set.of(CameraEpisodes.WHOLE_PICTURE), rule.perPerson());
            examine(frame, identities, rule, state, null);
        } else {
            state.keepOnly(rule.zones().stream().map(Zone::name).collect(Collectors.toSet()), rule.perPerson());
            for (Zone zone : rule.zones()) {
                examine(frame, identities, rule, state, zone);
            }
        }
        state.forgetIdlePeople();
        episodes.put(camera, state);
    }

    /**
     * Takes the frame into the episodes of {@code zone} (null: the whole picture): the zone's own and, per person, each
     * face track's.
     */
    private void examine(FaceDetections frame, FaceIdentities identities, AlertRule rule, CameraEpisodes state,
                         Zone zone) {
        String camera = frame.getCameraId();
        String zoneName = zone == null ? null : zone.name();
        String key = zone == null ? CameraEpisodes.WHOLE_PICTURE : zone.name();
        long sequence = frame.getSequence();
        long captureTime = frame.getCaptureTime().toEpochMilli();
        Map<String, EpisodeTrack.BestFace> best = bestFaces(frame, identities, rule, zone);
        raise(camera, zoneName, null, state.track(key).onFrame(sequence, captureTime, best.remove(null), rule),
                captureTime, sequence, noFace(rule));
        if (!rule.perPerson()) {
            return;
        }
        TreeMap<String, EpisodeTrack> people = state.people(key);
        best.keySet().forEach(track -> people.computeIfAbsent(track, id -> new EpisodeTrack()));
        // Every track of the zone takes the frame, with or without its face: k of n counts the camera's frames.
        people.forEach((track, episode) -> raise(camera, zoneName, track,
                episode.onFrame(sequence, captureTime, best.get(track), rule), captureTime, sequence, noFace(rule)));
    }

    /**
     * The best-scoring face that counts (score, size) in {@code zone} (null: anywhere) of each face track. Under the
     * key null: the faces without a track id, and every face unless the rule is per person.
     */
    private static Map<String, EpisodeTrack.BestFace> bestFaces(FaceDetections frame, FaceIdentities identities,
                                                                AlertRule rule, Zone zone) {
        List<DetectedFace> faces = frame.getFaces();
        Map<String, EpisodeTrack.BestFace> best = new HashMap<>();
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
            String track = rule.perPerson() ? face.getTrackId() : null;
            EpisodeTrack.BestFace known = best.get(track);
            if (known == null || face.getScore() > known.score()) {
                FaceIdentity identity = identities.of(frame, index);
                best.put(track, new EpisodeTrack.BestFace(frame.getSequence(), index, face.getScore(), box.getX1(),
                        box.getY1(), box.getX2(), box.getY2(), identity.personId(), identity.name(),
                        identity.similarity()));
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
                long silent = Math.max(goneAfter, silence.toMillis());
                if (now - lastFrameAt.getOrDefault(camera, startedAt) < silent) {
                    continue;
                }
                String why = "no frame from the camera for " + silent + " ms";
                boolean changed = false;
                for (Map.Entry<String, EpisodeTrack> zone : entry.value.zones().entrySet()) {
                    changed |= endIfOpen(camera, zone.getKey(), null, zone.getValue(), goneAfter, why);
                }
                for (Map.Entry<String, TreeMap<String, EpisodeTrack>> zone : entry.value.people().entrySet()) {
                    for (Map.Entry<String, EpisodeTrack> track : zone.getValue().entrySet()) {
                        endIfOpen(camera, zone.getKey(), track.getKey(), track.getValue(), goneAfter, why);
                    }
                }
                // A track id seen before the silence starts afresh after it: silent cameras keep no face tracks.
                changed |= entry.value.forgetPeople();
                if (changed) {
                    episodes.put(camera, entry.value);
                }
            }
        }
    }

    /** Ends {@code episode} if open, its FACE_GONE timed {@code goneAfter} after its last face; whether it was. */
    private boolean endIfOpen(String camera, String zoneKey, String track, EpisodeTrack episode, long goneAfter,
                              String why) {
        if (!episode.isOpen()) {
            return false;
        }
        long time = episode.lastFaceTime() + goneAfter;
        raise(camera, zoneKey.isEmpty() ? null : zoneKey, track, episode.close(), time, null, why);
        return true;
    }

    private static String noFace(AlertRule rule) {
        return "no face for " + rule.goneAfter().toMillis() + " ms";
    }

    /**
     * Forwards the alert of {@code change}, if any, of {@code track}'s episode (null: the zone's own); {@code whyGone}
     * is the reason a FACE_GONE gives.
     */
    private void raise(String camera, String zone, String track, EpisodeTrack.Change change, long time, Long sequence,
                       String whyGone) {
        if (change == null) {
            return;
        }
        String reason = change.type() == AlertType.FACE_GONE ? whyGone : null;
        EpisodeTrack.BestFace best = change.best();
        Alert alert = Alert.newBuilder()
                .setAlertId(AlertIds.ofEpisode(camera, zone, track, change.type(), change.openingSequence(),
                        change.episodeStart()))
                .setCameraId(camera).setZone(zone).setType(change.type()).setTime(Instant.ofEpochMilli(time))
                .setEpisodeStart(Instant.ofEpochMilli(change.episodeStart())).setSequence(sequence)
                .setBestFace(best == null ? null : best.toAvro()).setReason(reason).setTrackId(track)
                .setPersonId(best == null ? null : best.personId()).setPerson(best == null ? null : best.person())
                .setSimilarity(best == null ? null : best.similarity()).build();
        context.forward(new Record<>(camera, alert, time));
        metrics.raised(change.type());
    }
}
