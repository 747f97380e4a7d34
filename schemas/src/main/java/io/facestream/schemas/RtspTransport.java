package io.facestream.schemas;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How RTP reaches ingest from an RTSP camera, as camera files, the sink's API and CameraConfig's {@code transport}
 * write it: {@code auto} (TCP, falling back to UDP when the camera offers no TCP), {@code tcp} or {@code udp}. A
 * string in the schema, not an Avro enum: a generated enum in a field's default must be trusted by Avro before any
 * record is built, and a string takes new values without a schema change.
 */
public enum RtspTransport {
    AUTO, TCP, UDP;

    public static final String FIELD = "transport";

    /** The transport named {@code text} (any case); null: AUTO. Throws naming the field and the accepted names. */
    public static RtspTransport parse(String text) {
        if (text == null) {
            return AUTO;
        }
        for (RtspTransport transport : values()) {
            if (transport.configName().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return transport;
            }
        }
        throw new InvalidFieldException(FIELD, FIELD + " must be one of " + Arrays.stream(values())
                .map(RtspTransport::configName).collect(Collectors.joining(", ")) + ", not '" + text + "'");
    }

    /** The name in camera files, the API and CameraConfig. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
