package io.facestream.tracking;

import io.facestream.cascade.Box;
import io.facestream.cascade.Face;
import io.facestream.cascade.FaceDetector;
import io.facestream.cascade.RgbImage;
import io.facestream.cascade.StageTimes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A camera's faces followed through its frames, given in capture order. Each frame is examined as the
 * {@link ScanPolicy} decides: the whole cascade, the cascade on the regions that moved, or only R-Net
 * and O-Net on crops around where each followed face is expected (a few small network runs instead of
 * the pyramid). Every face reported carries this frame's box, score and landmarks from O-Net, and the
 * id of its track: the same while the same person stays in view, a new one for a new person. A track
 * whose face no longer passes O-Net ends.
 *
 * <p>Track ids are {@code <capture ms>-<n>}: the capture time of the frame where the track began and
 * its number among the tracks begun in that frame, so unique per camera while capture times increase,
 * and the same when the same frames are examined again. Not thread-safe: one per camera; the detector
 * may be shared.
 */
public final class FaceTracker {
    /** Faces found again by a rescan of a lost track's zone overlap a face already found less than this. */
    private static final float SAME_FACE = 0.5f;
    /** A face followed by its crops ends once more than this share of its box has left the frame. */
    private static final float OUTSIDE_SHARE = 0.15f;

    private final FaceDetector detector;
    private final TrackerOptions options;
    private final MotionDetector motion;
    private final ScanPolicy policy;
    private final Trails trails;
    private List<Track> tracks = new ArrayList<>();
    private long lastBirthMs = Long.MIN_VALUE;
    private int birthsAtLastMs;
    private int tracksStarted;

    public FaceTracker(FaceDetector detector, TrackerOptions options) {
        this.detector = detector;
        this.options = options;
        this.motion = new MotionDetector(options.motionThreshold());
        this.policy = new ScanPolicy(options.fullScanInterval(), detector.options().minFaceSize());
        this.trails = new Trails(motion.framesToAbsorb());
    }

    /**
     * The faces of the next frame of the camera, captured at {@code timeMs}. With a {@link DetectionRegion}, only the
     * region's bounding rectangle is examined (motion elsewhere goes unseen) and the faces whose box centre lies
     * outside the region are not reported, though followed while they stay in the rectangle.
     */
    public TrackedFrame next(RgbImage frame, long timeMs) {
        return next(frame, timeMs, new StageTimes());
    }

    /** As {@link #next(RgbImage, long)}, adding the time the networks took per stage to {@code times}. */
    public TrackedFrame next(RgbImage frame, long timeMs, StageTimes times) {
        DetectionRegion region = options.region();
        if (region.isWhole()) {
            return nextIn(frame, timeMs, times);
        }
        Box bounds = region.bounds(frame.width(), frame.height());
        TrackedFrame inBounds = nextIn(frame.crop((int) bounds.x1(), (int) bounds.y1(), (int) bounds.width(),
                (int) bounds.height()), timeMs, times);
        List<TrackedFace> faces = inBounds.faces().stream()
                .map(face -> new TrackedFace(face.track(), face.face().moved(bounds.x1(), bounds.y1())))
                .filter(face -> {
                    Box box = face.face().box();
                    return region.contains((box.x1() + box.x2()) / 2, (box.y1() + box.y2()) / 2, frame.width(),
                            frame.height());
                })
                .toList();
        return new TrackedFrame(timeMs, inBounds.scan(), faces);
    }

    private TrackedFrame nextIn(RgbImage frame, long timeMs, StageTimes times) {
        ScanPlan plan = plan(frame, timeMs);
        Scan scan = plan.scan();
        List<Face> faces = examine(frame, plan, times);
        Map<Integer, Track> matched = TrackMatcher.match(tracks, faces);
        List<Track> lost = tracks.stream().filter(track -> !matched.containsValue(track)).toList();
        if (!lost.isEmpty() && scan != Scan.FULL) {
            // A face not confirmed where it was expected may have moved further than predicted: the whole
            // cascade around where it was and was expected, before the track is given up.
            faces = withFacesFoundAgain(frame, faces, lost, times);
            matched.clear();
            matched.putAll(TrackMatcher.match(tracks, faces));
            scan = Scan.REGIONS;
        }
        return new TrackedFrame(timeMs, scan, follow(faces, matched, timeMs));
    }

    /** How many tracks have begun so far. */
    public int tracksStarted() {
        return tracksStarted;
    }

    private ScanPlan plan(RgbImage frame, long timeMs) {
        if (!options.tracking()) {
            return ScanPlan.of(Scan.FULL);
        }
        Motion moved = motion.update(frame);
        if (moved.rescan()) {
            trails.clear();
        }
        List<Box> zones = tracks.stream().map(Track::zone).toList();
        return policy.plan(timeMs, moved, zones, trails.zones(), frame.width(), frame.height());
    }

    /** The faces the plan's networks find; those followed by crops only while still mostly in the frame. */
    private List<Face> examine(RgbImage frame, ScanPlan plan, StageTimes times) {
        return switch (plan.scan()) {
            case FULL -> detector.detectBatch(List.of(frame), times).get(0);
            case REGIONS -> insideFrame(detector.detect(frame, plan.regions(), candidates(), times), frame);
            case TRACKED -> insideFrame(detector.detect(frame, List.of(), candidates(), times), frame);
            case NONE -> List.of();
        };
    }

    /** Continues the matched tracks with their faces and begins one for each other face; the rest end. */
    private List<TrackedFace> follow(List<Face> faces, Map<Integer, Track> matched, long timeMs) {
        List<Track> next = new ArrayList<>();
        List<TrackedFace> result = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) {
            Track track = matched.get(i);
            if (track == null) {
                track = new Track(newId(timeMs), faces.get(i));
            } else {
                track.update(faces.get(i));
            }
            next.add(track);
            result.add(new TrackedFace(track.id(), faces.get(i)));
        }
        tracks = next;
        if (options.tracking()) {
            trails.add(tracks.stream().map(Track::zone).toList());
        }
        return result;
    }

    private List<Box> candidates() {
        return tracks.stream().flatMap(track -> track.candidates().stream()).toList();
    }

    private List<Face> withFacesFoundAgain(RgbImage frame, List<Face> faces, List<Track> lost, StageTimes times) {
        List<Box> zones = ScanRegions.merged(lost.stream()
                .map(track -> ScanRegions.clip(track.surroundings(), frame.width(), frame.height())).toList());
        List<Face> all = new ArrayList<>(faces);
        for (Face found : detector.detect(frame, zones, List.of(), times)) {
            if (faces.stream().noneMatch(face -> face.box().iou(found.box()) > SAME_FACE)) {
                all.add(found);
            }
        }
        return all;
    }

    /**
     * The faces lying mostly inside the frame. P-Net only looks at windows inside the frame, so the whole
     * cascade does not propose a face that left it; a crop around a face leaving would still show its part.
     */
    private static List<Face> insideFrame(List<Face> faces, RgbImage frame) {
        return faces.stream().filter(face -> {
            Box b = face.box();
            float marginX = OUTSIDE_SHARE * b.width();
            float marginY = OUTSIDE_SHARE * b.height();
            return b.x1() >= -marginX && b.y1() >= -marginY && b.x2() <= frame.width() + marginX
                    && b.y2() <= frame.height() + marginY;
        }).toList();
    }

    private String newId(long timeMs) {
        birthsAtLastMs = timeMs == lastBirthMs ? birthsAtLastMs + 1 : 0;
        lastBirthMs = timeMs;
        tracksStarted++;
        return timeMs + "-" + birthsAtLastMs;
    }
}
