package io.facestream.tracking;

import io.facestream.cascade.DetectorOptions;
import io.facestream.cascade.Face;
import io.facestream.cascade.FaceDetector;
import io.facestream.samples.DoorClip;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExploreTest {
    @Test
    void explore() {
        try (FaceDetector detector = FaceDetector.create(DetectorOptions.defaults())) {
            for (DoorClip clip : List.of(DoorClip.DOOR)) {
                List<ClipFrames.Frame> frames = ClipFrames.of(clip);
                FaceTracker tracker = new FaceTracker(detector, TrackerOptions.defaults());
                Agreement agreement = new Agreement();
                java.util.Map<Scan, Integer> counts = new java.util.EnumMap<>(Scan.class);
                for (ClipFrames.Frame frame : frames) {
                    List<Face> per = detector.detect(frame.image());
                    TrackedFrame tf = tracker.next(frame.image(), frame.timeMs());
                    counts.merge(tf.scan(), 1, Integer::sum);
                    agreement.add(per, tf.faces().stream().map(TrackedFace::face).toList());
                    System.out.printf("%s %5d %-8s per=%s tr=%s truth=%d%n", clip, frame.timeMs(), tf.scan().label(),
                            per.stream().map(f -> String.format("%.3f@%.0f,%.0f", f.score(), f.box().x1(), f.box().y1())).toList(),
                            tf.faces().stream().map(f -> String.format("%s:%.3f@%.0f,%.0f", f.track(), f.face().score(), f.face().box().x1(), f.face().box().y1())).toList(),
                            frame.truth().size());
                }
                System.out.println(clip + " " + agreement.result() + " tracks " + tracker.tracksStarted() + " " + counts);
            }
        }
    }
}
