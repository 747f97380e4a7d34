package io.facestream.schemas;

import java.util.regex.Pattern;

/**
 * The one form of a camera id, wherever ids enter: the camera file, the sink's API, the {@code cameras} topic. An id
 * names Kafka keys, metric tags and the sink's crop folders, so it starts with a letter or digit: {@code .} and
 * {@code ..} would be folders that are no camera's.
 */
public final class CameraId {
    /** The accepted ids, as the README and the OpenAPI document state them. */
    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,127}";
    public static final String RULE = "1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit";

    private static final Pattern ID = Pattern.compile(PATTERN);

    private CameraId() {
    }

    public static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** {@code id} when valid; else an {@link InvalidFieldException} naming {@code field}. */
    public static String require(String field, String id) {
        if (!isValid(id)) {
            throw new InvalidFieldException(field, field + " must be " + RULE + ", not '" + id + "'");
        }
        return id;
    }
}
