package io.facestream.sink;

import java.util.Optional;

/** Whether the last database write succeeded, and if not, why; shared by the stream thread and the health API. */
public final class DatabaseStatus {
    private volatile String failure;

    void writeSucceeded() {
        failure = null;
    }

    void writeFailed(String reason) {
        failure = reason;
    }

    /** Why writes are failing now, empty while they succeed. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }
}
