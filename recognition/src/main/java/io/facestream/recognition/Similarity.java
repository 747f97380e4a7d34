package io.facestream.recognition;

/**
 * A 2-D similarity transform (rotation, uniform scale, translation, no reflection):
 * {@code x' = a·x − b·y + tx}, {@code y' = b·x + a·y + ty}, where {@code a = s·cos θ} and {@code b = s·sin θ}.
 */
record Similarity(double a, double b, double tx, double ty) {

    /**
     * The least-squares similarity mapping {@code from} onto {@code to} (points as x0, y0, x1, y1, ...). In 2-D the
     * Umeyama solution without reflection has this closed form: with both point sets centred,
     * {@code a = Σ(x·x' + y·y') / Σ(x² + y²)} and {@code b = Σ(x·y' − y·x') / Σ(x² + y²)}; the translation then maps
     * one centroid onto the other.
     */
    static Similarity fit(double[] from, double[] to) {
        if (from.length != to.length || from.length < 4 || from.length % 2 != 0) {
            throw new IllegalArgumentException("need two equally long lists of at least two points, got "
                    + from.length / 2 + " and " + to.length / 2);
        }
        int n = from.length / 2;
        double fromX = 0, fromY = 0, toX = 0, toY = 0;
        for (int i = 0; i < n; i++) {
            fromX += from[2 * i];
            fromY += from[2 * i + 1];
            toX += to[2 * i];
            toY += to[2 * i + 1];
        }
        fromX /= n;
        fromY /= n;
        toX /= n;
        toY /= n;
        double dot = 0, cross = 0, norm = 0;
        for (int i = 0; i < n; i++) {
            double x = from[2 * i] - fromX, y = from[2 * i + 1] - fromY;
            double u = to[2 * i] - toX, v = to[2 * i + 1] - toY;
            dot += x * u + y * v;
            cross += x * v - y * u;
            norm += x * x + y * y;
        }
        if (norm < 1e-9) {
            throw new IllegalArgumentException("the points coincide: no transform fits them");
        }
        double a = dot / norm;
        double b = cross / norm;
        return new Similarity(a, b, toX - (a * fromX - b * fromY), toY - (b * fromX + a * fromY));
    }

    double scale() {
        return Math.hypot(a, b);
    }

    /** Rotation in radians, counter-clockwise in a y-up frame (clockwise as seen in an image, whose y points down). */
    double rotation() {
        return Math.atan2(b, a);
    }

    double x(double x, double y) {
        return a * x - b * y + tx;
    }

    double y(double x, double y) {
        return b * x + a * y + ty;
    }

    Similarity inverse() {
        double s2 = a * a + b * b;
        double ia = a / s2;
        double ib = -b / s2;
        return new Similarity(ia, ib, -(ia * tx - ib * ty), -(ib * tx + ia * ty));
    }
}
