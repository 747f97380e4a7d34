package io.facestream.sink;

/** The database could not be used; retrying later may succeed. */
public class StorageUnavailableException extends RuntimeException {
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
