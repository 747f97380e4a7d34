package io.facestream.sink;

import io.facestream.schemas.avro.FaceDetections;
import io.facestream.sink.people.FaceIdentities;
import java.util.List;
import java.util.Map;

/** Where the sink keeps face events. */
public interface EventStore extends AutoCloseable {

    /**
     * Stores the events, with who each face is, in one transaction; an event already stored (same camera and sequence) is left as it is.
     *
     * @throws StorageUnavailableException when the database cannot be written; nothing of the batch is stored then
     */
    void store(List<FaceDetections> events, FaceIdentities identities);

    /** Stores the events with no face identified. */
    default void store(List<FaceDetections> events) {
        store(events, FaceIdentities.NONE);
    }

    List<StoredEvent> find(EventQuery query);

    CameraStats stats(String cameraId);

    /**
     * Deletes the events in {@code scope} and everything stored with them, in one transaction.
     *
     * @return how many rows were deleted, by table (such as events and faces), in the order they were deleted
     */
    Map<String, Long> delete(EventScope scope);

    /** Throws {@link StorageUnavailableException} with the reason when the database cannot be reached. */
    void check();

    @Override
    void close();
}
