package io.facestream.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.facestream.cascade.Box;
import io.facestream.cascade.Face;
import io.facestream.cascade.Point;
import io.facestream.cascade.RgbImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How {@code detect} prints one image's faces. */
sealed interface DetectionReport {

    void write(Path path, RgbImage image, String provider, FoundFaces found);

    /**
     * One JSON object per line: image, size, provider, model and faces with box, score and landmarks (five for
     * mtcnn and blazeface+onet; blazeface's six keypoints in MediaPipe's order).
     */
    record Json(PrintWriter out) implements DetectionReport {
        private static final ObjectMapper MAPPER = new ObjectMapper();

        @Override
        public void write(Path path, RgbImage image, String provider, FoundFaces found) {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("image", path.toString());
            object.put("width", image.width());
            object.put("height", image.height());
            object.put("provider", provider);
            object.put("model", found.model());
            object.put("faces", found.faces().stream().map(Json::face).toList());
            try {
                out.println(MAPPER.writeValueAsString(object));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("cannot write JSON", e);
            }
        }

        static Map<String, Object> face(Face face) {
            Box b = face.box();
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("box", List.of(round(b.x1(), 100), round(b.y1(), 100), round(b.x2(), 100), round(b.y2(), 100)));
            object.put("score", round(face.score(), 100000));
            object.put("landmarks",
                    face.landmarks().stream().map(p -> List.of(round(p.x(), 100), round(p.y(), 100))).toList());
            return object;
        }

        static double round(float value, int scale) {
            return Math.round((double) value * scale) / (double) scale;
        }
    }

    /** A readable table, one row per face. */
    record Table(PrintWriter out) implements DetectionReport {
        @Override
        public void write(Path path, RgbImage image, String provider, FoundFaces found) {
            List<Face> faces = found.faces();
            out.printf(Locale.ROOT, "%s  %dx%d  %d face%s (%s, %s)%n", path, image.width(), image.height(),
                    faces.size(), faces.size() == 1 ? "" : "s", found.model(), provider);
            if (faces.isEmpty()) {
                return;
            }
            StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-6s  %-27s", "score",
                    "box x1,y1,x2,y2"));
            for (String name : found.pointNames()) {
                header.append(String.format(Locale.ROOT, "  %-" + column(name) + "s", name));
            }
            out.println(header.toString().stripTrailing());
            for (Face face : faces) {
                Box b = face.box();
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %.4f  %-27s",
                        face.score(), String.format(Locale.ROOT, "%.0f,%.0f,%.0f,%.0f", b.x1(), b.y1(), b.x2(), b.y2())));
                for (int k = 0; k < face.landmarks().size(); k++) {
                    Point p = face.landmarks().get(k);
                    row.append(String.format(Locale.ROOT, "  %-" + column(found.pointNames().get(k)) + "s",
                            String.format(Locale.ROOT, "%.0f,%.0f", p.x(), p.y())));
                }
                out.println(row.toString().stripTrailing());
            }
        }

        private static int column(String name) {
            return Math.max(12, name.length());
        }
    }
}
