package io.facestream.launcher;

import io.facestream.schemas.EnvironmentVariable;
import java.util.List;

/** The variables logback.xml reads: they apply to every command. */
final class LogSettings {
    /** The values of LOG_FORMAT: the names of logback.xml's appenders. */
    static final List<String> FORMATS = List.of("text", "json");
    static final List<EnvironmentVariable> VARIABLES = List.of(
            new EnvironmentVariable("FACE_STREAM_LOG_LEVEL", "INFO", "level of face-stream's own loggers"),
            new EnvironmentVariable("LOG_FORMAT", "text", "text, or json: one JSON object per line on stderr"));

    private LogSettings() {
    }
}
