package io.facestream.tracking;

import io.facestream.cascade.Box;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What changed in a frame against the background: a grid of cells, each moving or not, or a change
 * so large and global (a scene cut, the lights switched) that the whole frame must be scanned again.
 */
public final class Motion {
    private final boolean rescan;
    private final boolean[] moving;
    private final int columns;
    private final int rows;
    /** A cell's side in frame pixels. */
    private final int cellSide;

    Motion(boolean rescan, boolean[] moving, int columns, int rows, int cellSide) {
        this.rescan = rescan;
        this.moving = moving;
        this.columns = columns;
        this.rows = rows;
        this.cellSide = cellSide;
    }

    static Motion global() {
        return new Motion(true, new boolean[0], 0, 0, 1);
    }

    /** The frame changed as a whole: everything must be looked at again. */
    public boolean rescan() {
        return rescan;
    }

    /** Whether any cell moved (false after a rescan, which has no cells). */
    public boolean any() {
        for (boolean cell : moving) {
            if (cell) {
                return true;
            }
        }
        return false;
    }

    /** The bounding boxes of the groups of touching moving cells, in frame pixels. */
    public List<Box> regions() {
        return regionsOutside(List.of());
    }

    /**
     * As {@link #regions()}, leaving out the cells whose centre lies in one of {@code zones}: motion there
     * is explained already (a tracked person moving).
     */
    public List<Box> regionsOutside(List<Box> zones) {
        boolean[] left = new boolean[moving.length];
        for (int i = 0; i < moving.length; i++) {
            left[i] = moving[i] && !inAny(zones, (i % columns + 0.5f) * cellSide, (i / columns + 0.5f) * cellSide);
        }
        List<Box> regions = new ArrayList<>();
        for (int i = 0; i < left.length; i++) {
            if (left[i]) {
                regions.add(group(left, i));
            }
        }
        return regions;
    }

    /** Clears the group of moving cells touching cell {@code start} (8 neighbours) and returns its bounds. */
    private Box group(boolean[] left, int start) {
        int minX = columns;
        int minY = rows;
        int maxX = -1;
        int maxY = -1;
        Deque<Integer> todo = new ArrayDeque<>();
        todo.push(start);
        left[start] = false;
        while (!todo.isEmpty()) {
            int cell = todo.pop();
            int cx = cell % columns;
            int cy = cell / columns;
            minX = Math.min(minX, cx);
            maxX = Math.max(maxX, cx);
            minY = Math.min(minY, cy);
            maxY = Math.max(maxY, cy);
            for (int y = Math.max(0, cy - 1); y <= Math.min(rows - 1, cy + 1); y++) {
                for (int x = Math.max(0, cx - 1); x <= Math.min(columns - 1, cx + 1); x++) {
                    if (left[y * columns + x]) {
                        left[y * columns + x] = false;
                        todo.push(y * columns + x);
                    }
                }
            }
        }
        return new Box(minX * cellSide, minY * cellSide, (maxX + 1) * cellSide, (maxY + 1) * cellSide);
    }

    private static boolean inAny(List<Box> zones, float x, float y) {
        for (Box zone : zones) {
            if (x >= zone.x1() && x < zone.x2() && y >= zone.y1() && y < zone.y2()) {
                return true;
            }
        }
        return false;
    }
}
