package io.facestream.cascade;

/** The parts of a detection whose time {@link StageTimes} records. */
public enum Stage {
    PYRAMID, PNET, RNET, ONET, NMS
}
