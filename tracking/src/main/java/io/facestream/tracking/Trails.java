package io.facestream.tracking;

import io.facestream.cascade.Box;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Where the people followed in a camera's last frames were. The running background keeps a person who
 * moved on, or left, for the frames it takes to absorb a change, so motion there is their trail, explained
 * as their own motion is; a face that appears there meanwhile is found by the next full scan.
 */
final class Trails {
    private final int frames;
    private final Deque<List<Box>> zones = new ArrayDeque<>();

    /** @param frames how many frames a trail lasts: those the background takes to absorb a change */
    Trails(int frames) {
        this.frames = frames;
    }

    /** Records the zones of the people followed in a frame, forgetting the frames whose trail has faded. */
    void add(List<Box> frameZones) {
        zones.addLast(List.copyOf(frameZones));
        while (zones.size() > frames) {
            zones.removeFirst();
        }
    }

    /** Forgets every trail: the background started afresh. */
    void clear() {
        zones.clear();
    }

    /** The zones of the people followed in the frames whose trail may still show. */
    List<Box> zones() {
        return zones.stream().flatMap(List::stream).toList();
    }
}
