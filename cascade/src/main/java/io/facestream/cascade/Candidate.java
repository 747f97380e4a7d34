package io.facestream.cascade;

/** A box a stage proposes, with its face score and the regression the stage predicted for it. */
record Candidate(Box box, float score, BoxOffsets offsets) implements Scored {

    Candidate regressed() {
        return new Candidate(box.regress(offsets), score, BoxOffsets.NONE);
    }

    Candidate squared() {
        return new Candidate(box.square(), score, offsets);
    }
}
