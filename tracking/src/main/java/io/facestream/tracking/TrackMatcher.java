package io.facestream.tracking;

import io.facestream.cascade.Box;
import io.facestream.cascade.Face;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Links a frame's faces to the tracks of the frame before: a face continues a track when its centre
 * lies near the track's predicted or latest centre (within the track's face side) and its size
 * changed by less than half; greedily, the nearest pairs first, each face and each track at most once.
 * Distance rather than overlap, because at a few frames a second a face walking across moves by half
 * its width or more between two frames.
 */
final class TrackMatcher {
    /** Centre distance, in track face sides, up to which a face can continue a track. */
    static final float MAX_DISTANCE = 1f;
    /** The larger of two face sides at most this many times the smaller. */
    static final float MAX_GROWTH = 1.5f;

    private TrackMatcher() {
    }

    /** Face index → track, for the faces that continue a track. */
    static Map<Integer, Track> match(List<Track> tracks, List<Face> faces) {
        record Pair(int face, Track track, float distance) {
        }
        List<Pair> pairs = new ArrayList<>();
        for (int f = 0; f < faces.size(); f++) {
            Box box = faces.get(f).box();
            for (Track track : tracks) {
                Box last = track.face().box();
                float side = Math.max(last.width(), last.height());
                float growth = Math.max(box.width(), box.height()) / side;
                float distance = Math.min(distance(box, track.predicted()), distance(box, last)) / side;
                if (distance <= MAX_DISTANCE && growth <= MAX_GROWTH && growth >= 1 / MAX_GROWTH) {
                    pairs.add(new Pair(f, track, distance));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::distance));
        Map<Integer, Track> matched = new HashMap<>();
        List<Track> taken = new ArrayList<>();
        for (Pair pair : pairs) {
            if (!matched.containsKey(pair.face()) && !taken.contains(pair.track())) {
                matched.put(pair.face(), pair.track());
                taken.add(pair.track());
            }
        }
        return matched;
    }

    private static float distance(Box a, Box b) {
        float dx = (a.x1() + a.x2() - b.x1() - b.x2()) / 2;
        float dy = (a.y1() + a.y2() - b.y1() - b.y2()) / 2;
        return (float) Math.hypot(dx, dy);
    }
}
