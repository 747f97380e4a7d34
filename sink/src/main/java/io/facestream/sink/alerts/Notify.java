package io.facestream.sink.alerts;

import io.facestream.schemas.AlertRulesJson;
import java.util.Locale;

/** Whose presence episodes raise alerts, by what the sink's gallery makes of their best face. */
public enum Notify {
    EVERYONE, UNKNOWN, KNOWN;

    /** Whether an episode whose best face is (or is not) someone of the gallery raises alerts. */
    boolean accepts(boolean known) {
        return this == EVERYONE || (this == KNOWN) == known;
    }

    /** One of {@link AlertRulesJson#NOTIFY}, as the camera config and {@code SINK_ALERT_NOTIFY} spell it. */
    static Notify parse(String field, String value) {
        if (value == null || !AlertRulesJson.NOTIFY.contains(value.trim().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(field + " must be one of " + String.join(", ", AlertRulesJson.NOTIFY)
                    + ", was '" + value + "'");
        }
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
