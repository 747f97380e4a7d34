package io.facestream.schemas;

import io.facestream.schemas.avro.RtspTransport;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A camera's RTSP transport as camera files and the sink's API write it: {@code tcp}, {@code udp} or {@code auto},
 * the lower-case names of {@link RtspTransport}.
 */
public final class TransportNames {
    public static final String FIELD = "transport";

    private TransportNames() {
    }

    /** The transport named {@code text}; null text: AUTO. Throws naming the field and the accepted names. */
    public static RtspTransport parse(String text) {
        if (text == null) {
            return RtspTransport.AUTO;
        }
        for (RtspTransport transport : RtspTransport.values()) {
            if (name(transport).equals(text.trim().toLowerCase(Locale.ROOT))) {
                return transport;
            }
        }
        throw new InvalidFieldException(FIELD, FIELD + " must be one of " + accepted() + ", not '" + text + "'");
    }

    public static String name(RtspTransport transport) {
        return transport.name().toLowerCase(Locale.ROOT);
    }

    private static String accepted() {
        return Arrays.stream(RtspTransport.values()).map(TransportNames::name).collect(Collectors.joining(", "));
    }
}
