package io.facestream.sink.retention;

import io.facestream.sink.EventScope;
import io.facestream.sink.EventStore;
import io.facestream.sink.crops.CropStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Deletes stored data by camera and capture time: the events and their faces in the database, the crop files. */
public final class DataEraser {
    private final EventStore events;
    private final CropStore crops;

    public DataEraser(EventStore events, CropStore crops) {
        this.events = events;
        this.crops = crops;
    }

    /**
     * Deletes the database rows first (in one transaction), then the crop files; when the files fail, asking again
     * finishes the work.
     *
     * @return what was deleted: rows per table, and {@code cropFiles}
     * @throws UncheckedIOException when crop files cannot be deleted
     */
    public Map<String, Long> erase(EventScope scope) {
        scope.cameraId().ifPresent(CropStore::requireCameraId);
        Map<String, Long> deleted = new LinkedHashMap<>(events.delete(scope));
        try {
            deleted.put("cropFiles", crops.delete(scope.cameraId(), scope.from(), scope.to()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete crop files under " + crops.root() + ": " + e.getMessage(), e);
        }
        return deleted;
    }
}
