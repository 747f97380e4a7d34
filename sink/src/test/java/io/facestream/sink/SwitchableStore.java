package io.facestream.sink;

import io.facestream.schemas.avro.FaceDetections;
import io.facestream.sink.people.FaceIdentities;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** A real store behind a switch that makes it fail as an unreachable database does; it records the batches stored. */
final class SwitchableStore implements EventStore {
    final AtomicBoolean down = new AtomicBoolean();
    final List<List<FaceDetections>> batches = new CopyOnWriteArrayList<>();
    private final EventStore database;

    SwitchableStore(EventStore database) {
        this.database = database;
    }

    private void failIfDown() {
        if (down.get()) {
            throw new StorageUnavailableException("cannot store: connection refused (test outage)", null);
        }
    }

    @Override
    public void store(List<FaceDetections> events, FaceIdentities identities) {
        failIfDown();
        database.store(events, identities);
        batches.add(List.copyOf(events));
    }

    @Override
    public List<StoredEvent> find(EventQuery query) {
        failIfDown();
        return database.find(query);
    }

    @Override
    public CameraStats stats(String cameraId) {
        failIfDown();
        return database.stats(cameraId);
    }

    @Override
    public Map<String, Long> delete(EventScope scope) {
        failIfDown();
        return database.delete(scope);
    }

    @Override
    public void check() {
        failIfDown();
        database.check();
    }

    @Override
    public void close() {
        database.close();
    }
}
