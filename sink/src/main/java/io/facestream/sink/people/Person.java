package io.facestream.sink.people;

import java.time.Instant;
import java.util.List;

/**
 * A known person of the gallery and the faces they are enrolled with.
 *
 * @param note anything the operator wants to remember about them; null when none
 */
public record Person(long id, String name, String note, Instant createdAt, List<EnrolledFace> faces) {
    public Person {
        faces = List.copyOf(faces);
    }

    /**
     * One enrolled face: an embedding the person is recognised by (never served: it is biometric data).
     *
     * @param source the stored face it was taken from; null for an uploaded photo
     */
    public record EnrolledFace(long id, Instant createdAt, FaceSource source) {
    }

    /** A face the sink stored: face {@code face} of event {@code sequence} of {@code camera}. */
    public record FaceSource(String camera, long sequence, int face) {
    }
}
