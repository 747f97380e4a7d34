package io.facestream.schemas;

/** A setting with a value missing, out of range or of the wrong type; {@link #field()} names it, e.g. alerts.minScore. */
public final class InvalidFieldException extends IllegalArgumentException {
    private final String field;

    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
