package io.facestream.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.facestream.cascade.Box;
import io.facestream.cascade.Face;
import io.facestream.cascade.LandmarkSet;
import io.facestream.cascade.Point;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** Where a followed face is expected, looked for again, and where its person's own motion is explained. */
class TrackTest {

    @Test
    void aFaceNotFoundWhereExpectedIsLookedForAroundItsLatestAndPredictedBoxOnly() {
        Track track = new Track("0-0", face(new Box(100, 100, 140, 150)));
        track.update(face(new Box(120, 100, 160, 150)));
        assertThat(track.predicted()).isEqualTo(new Box(140, 100, 180, 150));
        // Latest and predicted together: 60 x 50, grown by half of that on each side.
        assertThat(track.surroundings()).isEqualTo(new Box(90, 75, 210, 175));
        assertThat(track.surroundings().area()).isLessThan(track.zone().area() / 2);
    }

    @Test
    void aPersonsOwnMotionIsExpectedFromTheHairToTheShouldersAndHalfAFaceBeyondThem() {
        Track track = new Track("0-0", face(new Box(100, 100, 140, 150)));
        track.update(face(new Box(120, 100, 160, 150)));
        // Previous and latest face together: 60 x 50; 1.5 of that to either side, 0.8 above, 1.5 below.
        assertThat(track.zone()).isEqualTo(new Box(10, 60, 250, 225));
    }

    @Test
    void aFaceJustFoundIsAlsoLookedForHalfAFaceAwayAsItsStepIsNotKnownYet() {
        Track track = new Track("0-0", face(new Box(100, 100, 140, 150)));
        assertThat(track.candidates()).contains(new Box(100, 100, 140, 150), new Box(80, 100, 120, 150),
                new Box(120, 100, 160, 150), new Box(100, 75, 140, 125), new Box(100, 125, 140, 175));
        track.update(face(new Box(120, 100, 160, 150)));
        assertThat(track.candidates()).hasSize(3).contains(new Box(140, 100, 180, 150), new Box(120, 100, 160, 150));
    }

    private static Face face(Box box) {
        return new Face(box, 0.99f, Collections.nCopies(LandmarkSet.FIVE_POINT.size(), new Point(box.x1(), box.y1())));
    }
}
