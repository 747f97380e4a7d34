package io.facestream.tracking;

import io.facestream.cascade.Box;
import java.util.ArrayList;
import java.util.List;

/** Turns motion regions into the regions the cascade scans: grown by a margin, clipped, merged where they overlap. */
final class ScanRegions {
    /** Margin on each side, as a share of the region's longer side. */
    private static final float MARGIN = 0.25f;

    private ScanRegions() {
    }

    /**
     * {@code motion} grown by a quarter of its longer side, at least {@code minMargin} pixels, on each side
     * (a face whose edge moved lies partly outside the moving cells), clipped to the frame, and merged into
     * their bounding box wherever two overlap, until none does.
     */
    static List<Box> around(List<Box> motion, float minMargin, int width, int height) {
        List<Box> regions = new ArrayList<>();
        for (Box box : motion) {
            float margin = Math.max(minMargin, MARGIN * Math.max(box.width(), box.height()));
            regions.add(clip(new Box(box.x1() - margin, box.y1() - margin, box.x2() + margin, box.y2() + margin),
                    width, height));
        }
        return merged(regions);
    }

    static List<Box> merged(List<Box> boxes) {
        List<Box> regions = new ArrayList<>(boxes);
        boolean mergedAny = true;
        while (mergedAny) {
            mergedAny = false;
            outer:
            for (int i = 0; i < regions.size(); i++) {
                for (int j = i + 1; j < regions.size(); j++) {
                    if (regions.get(i).intersectionArea(regions.get(j)) > 0) {
                        regions.set(i, union(regions.get(i), regions.remove(j)));
                        mergedAny = true;
                        break outer;
                    }
                }
            }
        }
        return regions;
    }

    static float area(List<Box> regions) {
        float area = 0;
        for (Box region : regions) {
            area += region.area();
        }
        return area;
    }

    static Box union(Box a, Box b) {
        return new Box(Math.min(a.x1(), b.x1()), Math.min(a.y1(), b.y1()), Math.max(a.x2(), b.x2()),
                Math.max(a.y2(), b.y2()));
    }

    static Box clip(Box box, int width, int height) {
        return new Box(Math.max(0, box.x1()), Math.max(0, box.y1()), Math.min(width, box.x2()),
                Math.min(height, box.y2()));
    }
}
