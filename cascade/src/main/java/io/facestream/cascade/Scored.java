package io.facestream.cascade;

/** Anything with a box and a score, so that one NMS serves every stage. */
interface Scored {
    Box box();

    float score();
}
