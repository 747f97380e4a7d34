package io.facestream.sink.live;

/** One server-sent event: its type ({@code face}, {@code frame}, {@code alert}, {@code status}) and JSON data. */
public record LiveMessage(String type, String json) {
}
