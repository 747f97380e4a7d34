package io.facestream.sink.alerts;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The episode tracks of one camera, one state-store value per camera: by zone name ("" for the whole picture) and,
 * with per-person rules, by zone name and face track id. A face track's entry lives only while it has a face in its
 * window or an open episode, so the value stays as small as the number of people in view.
 */
final class CameraEpisodes {
    static final String WHOLE_PICTURE = "";

    private TreeMap<String, EpisodeTrack> zones = new TreeMap<>();
    /** Zone name, then track id. Values written before per-person rules have none: read as empty. */
    private TreeMap<String, TreeMap<String, EpisodeTrack>> people = new TreeMap<>();

    EpisodeTrack track(String zone) {
        return zones.computeIfAbsent(zone, name -> new EpisodeTrack());
    }

    /** The face tracks of {@code zone} by track id, to which new ones may be added. */
    TreeMap<String, EpisodeTrack> people(String zone) {
        return people.computeIfAbsent(zone, name -> new TreeMap<>());
    }

    /** Forgets zones the camera's rules no longer have, and every face track when they are not per person. */
    void keepOnly(Set<String> zoneNames, boolean perPerson) {
        zones.keySet().retainAll(zoneNames);
        people.keySet().retainAll(perPerson ? zoneNames : Set.of());
    }

    /** Forgets the face tracks with neither a face in their window nor an open episode: ended or never present. */
    void forgetIdlePeople() {
        people.values().forEach(tracks -> tracks.values().removeIf(EpisodeTrack::isIdle));
        people.values().removeIf(Map::isEmpty);
    }

    /** Forgets every face track; whether there was any. */
    boolean forgetPeople() {
        boolean any = !people.isEmpty();
        people.clear();
        return any;
    }

    TreeMap<String, EpisodeTrack> zones() {
        return zones;
    }

    TreeMap<String, TreeMap<String, EpisodeTrack>> people() {
        return people;
    }
}
