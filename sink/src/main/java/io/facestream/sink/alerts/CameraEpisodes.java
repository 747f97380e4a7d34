package io.facestream.sink.alerts;

import java.util.Set;
import java.util.TreeMap;

/** The episode tracks of one camera, by zone name ("" for the whole picture): one state-store value per camera. */
final class CameraEpisodes {
    static final String WHOLE_PICTURE = "";

    private TreeMap<String, EpisodeTrack> zones = new TreeMap<>();

    EpisodeTrack track(String zone) {
        return zones.computeIfAbsent(zone, name -> new EpisodeTrack());
    }

    /** Forgets zones the camera's rules no longer have. */
    void keepOnly(Set<String> zoneNames) {
        zones.keySet().retainAll(zoneNames);
    }

    TreeMap<String, EpisodeTrack> zones() {
        return zones;
    }
}
