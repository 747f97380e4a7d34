package io.facestream.launcher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facestream.cascade.Box;
import io.facestream.tracking.TrackedFace;
import io.facestream.tracking.TrackedFrame;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** How {@code detect --video} prints one frame's faces: a JSON object per line, or a readable line. */
sealed interface VideoReport {

    void write(int frame, int width, int height, TrackedFrame result);

    /** {@code {"frame", "timeMs", "width", "height", "scan", "faces": [{"track", "box", "score", "landmarks"}]}}. */
    record Json(PrintWriter out) implements VideoReport {
        private static final ObjectMapper MAPPER = new ObjectMapper();

        @Override
        public void write(int frame, int width, int height, TrackedFrame result) {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("frame", frame);
            object.put("timeMs", result.timeMs());
            object.put("width", width);
            object.put("height", height);
            object.put("scan", result.scan().label());
            object.put("faces", result.faces().stream().map(Json::face).toList());
            try {
                out.println(MAPPER.writeValueAsString(object));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write JSON", e);
            }
        }

        private static Map<String, Object> face(TrackedFace face) {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("track", face.track());
            object.putAll(DetectionReport.Json.face(face.face()));
            return object;
        }
    }

    /** One line per frame: number, time, how it was scanned, and each face's track, score and box. */
    record Lines(PrintWriter out) implements VideoReport {
        @Override
        public void write(int frame, int width, int height, TrackedFrame result) {
            String faces = result.faces().stream().map(Lines::face).collect(Collectors.joining("  "));
            out.printf(Locale.ROOT, "frame %d  %.2f s  %-7s  %d face%s%s%n", frame, result.timeMs() / 1000.0,
                    result.scan().label(), result.faces().size(), result.faces().size() == 1 ? "" : "s",
                    faces.isEmpty() ? "" : "  " + faces);
        }

        private static String face(TrackedFace face) {
            Box b = face.face().box();
            return String.format(Locale.ROOT, "[%s %.3f %.0f,%.0f,%.0f,%.0f]", face.track(), face.face().score(),
                    b.x1(), b.y1(), b.x2(), b.y2());
        }
    }
}
