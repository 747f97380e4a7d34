package io.facestream.cascade;

import java.util.List;

/**
 * A first stage from elsewhere: where faces may be in whole frames, for O-Net to decide (BlazeFace, in its own
 * module). A detector given one ({@link FaceDetector#create(DetectorOptions, FaceProposer)}) scans whole frames with it
 * instead of P-Net and R-Net; everything after O-Net stays the cascade's.
 */
public interface FaceProposer extends AutoCloseable {

    /**
     * For each image, boxes in its pixels around the faces of at least {@code minFaceSize} pixels a side it may
     * hold, as MTCNN's R-Net would hand them on: roughly square, forehead to chin.
     */
    List<List<Box>> propose(List<RgbImage> images, int minFaceSize);

    /** What proposes, as events and reports name the detector: {@code name + "+onet"}. */
    String name();

    /** Releases what the proposer holds (its models); the detector that owns it calls this when it is closed. */
    @Override
    void close();
}
