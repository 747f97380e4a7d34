package io.facestream.cascade;

/** The parts of a detection whose time {@link StageTimes} records; PROPOSALS is a {@link FaceProposer}'s scan. */
public enum Stage {
    PYRAMID, PNET, RNET, ONET, NMS, PROPOSALS
}
