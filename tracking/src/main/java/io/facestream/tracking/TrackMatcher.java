package io.facestream.tracking;

import io.facestream.cascade.Face;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Links a frame's faces to the tracks of the frame before: greedily, the best overlap between a face's
 * box and a track's predicted or latest box first, each face and each track at most once.
 */
final class TrackMatcher {
    /** Less overlap than this, and a face is someone new. */
    static final float MIN_IOU = 0.3f;

    private TrackMatcher() {
    }

    /** Face index → track, for the faces that continue a track. */
    static Map<Integer, Track> match(List<Track> tracks, List<Face> faces) {
        record Pair(int face, Track track, float iou) {
        }
        List<Pair> pairs = new ArrayList<>();
        for (int f = 0; f < faces.size(); f++) {
            for (Track track : tracks) {
                float iou = Math.max(faces.get(f).box().iou(track.predicted()), faces.get(f).box().iou(track.face().box()));
                if (iou >= MIN_IOU) {
                    pairs.add(new Pair(f, track, iou));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::iou).reversed());
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
}
