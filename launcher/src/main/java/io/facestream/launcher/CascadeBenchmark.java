package io.facestream.launcher;

import io.facestream.cascade.FaceDetector;
import io.facestream.cascade.RgbImage;
import io.facestream.cascade.Stage;
import io.facestream.cascade.StageTimes;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Times repeated detections of one frame after a warm-up; reports medians, not means, against outliers. */
final class CascadeBenchmark {
    private static final int MIN_FRAMES = 5;

    private final FaceDetector detector;
    private final double warmupSeconds;
    private final double seconds;
    private final int batchSize;

    CascadeBenchmark(FaceDetector detector, double warmupSeconds, double seconds, int batchSize) {
        this.detector = detector;
        this.warmupSeconds = warmupSeconds;
        this.seconds = seconds;
        this.batchSize = batchSize;
    }

    record Result(int width, int height, int frames, double framesPerSecond, double medianMs, double p90Ms,
                  int faces, Map<Stage, Double> stageMedianMs) {
    }

    Result measure(RgbImage frame) {
        List<RgbImage> batch = Collections.nCopies(batchSize, frame);
        StageTimes times = new StageTimes();
        runFor(warmupSeconds, batch, times);
        long[] total = new long[0];
        long[][] perStage = new long[Stage.values().length][0];
        int faces = 0;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        int n = 0;
        while (n < MIN_FRAMES || System.nanoTime() < end) {
            times.reset();
            long start = System.nanoTime();
            faces = detector.detectBatch(batch, times).get(0).size();
            long elapsed = (System.nanoTime() - start) / batchSize;
            if (n == total.length) {
                total = Arrays.copyOf(total, Math.max(16, 2 * n));
                for (int s = 0; s < perStage.length; s++) {
                    perStage[s] = Arrays.copyOf(perStage[s], total.length);
                }
            }
            total[n] = elapsed;
            for (Stage stage : Stage.values()) {
                perStage[stage.ordinal()][n] = times.nanos(stage) / batchSize;
            }
            n++;
        }
        Map<Stage, Double> stageMedians = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            stageMedians.put(stage, percentileMs(perStage[stage.ordinal()], n, 0.5));
        }
        double median = percentileMs(total, n, 0.5);
        return new Result(frame.width(), frame.height(), n, 1000.0 / median, median, percentileMs(total, n, 0.9),
                faces, stageMedians);
    }

    private void runFor(double runSeconds, List<RgbImage> batch, StageTimes times) {
        long end = System.nanoTime() + (long) (runSeconds * 1e9);
        while (System.nanoTime() < end) {
            detector.detectBatch(batch, times);
        }
    }

    private static double percentileMs(long[] nanos, int count, double fraction) {
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int index = (int) Math.min(count - 1, Math.floor(fraction * count));
        return sorted[index] / 1e6;
    }
}
