package io.facestream.cascade;

import java.util.List;

/**
 * A first stage from elsewhere (BlazeFace, in its own module): faces it finds in whole images by itself. A detector
 * given one scans whole frames with it instead of P-Net and R-Net, O-Net deciding on its faces
 * ({@link FaceDetector#create(DetectorOptions, FaceProposer)}), or takes its faces as they are
 * ({@link FaceDetector#createSingleStage}).
 */
public interface FaceProposer extends AutoCloseable {

    /**
     * For each image, the faces of at least {@code minFaceSize} pixels a side it finds, best score first: its boxes,
     * scores and landmarks, in image pixels.
     */
    List<List<Face>> find(List<RgbImage> images, int minFaceSize);

    /** The box around one of its faces that O-Net decides on, as MTCNN's R-Net would hand it on: forehead to chin. */
    Box forONet(Face face);

    /** What proposes, as events and reports name the detector: its name alone, or {@code name + "+onet"}. */
    String name();

    /** Releases what the proposer holds (its models); the detector that owns it calls this when it is closed. */
    @Override
    void close();
}
