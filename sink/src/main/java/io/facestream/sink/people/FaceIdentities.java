package io.facestream.sink.people;

import io.facestream.schemas.avro.FaceDetections;

/** Who each face of a batch of events is, as {@link FaceIdentifier} found. */
@FunctionalInterface
public interface FaceIdentities {
    /** Nobody identified. */
    FaceIdentities NONE = (event, face) -> FaceIdentity.NONE;

    /** The identity of face {@code face} (its index) of {@code event}. */
    FaceIdentity of(FaceDetections event, int face);
}
