package io.facestream.launcher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facestream.cascade.Box;
import io.facestream.cascade.DetectorOptions;
import io.facestream.cascade.Face;
import io.facestream.cascade.FaceDetector;
import io.facestream.cascade.RgbImage;
import io.facestream.recognition.FaceEmbedder;
import io.facestream.recognition.Gallery;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code face-stream identify}: who the faces in image files are, among people known from photos. */
@Command(name = "identify", mixinStandardHelpOptions = true,
        description = {"Names the faces in image files: each face is detected, aligned on its five landmarks, "
                + "embedded with MobileFaceNet and matched against the people of --people.",
                "--people DIR holds one folder per person, named after them, with one or more photos of them; the "
                        + "largest face of each photo is enrolled."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every image was processed", "1:some image or enrolment photo could not be used",
                "2:bad options"})
final class IdentifyCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image files to search.")
    List<Path> images = List.of();

    @Option(names = "--people", required = true, paramLabel = "DIR",
            description = "One folder per person (the folder's name is the name), holding photos of them.")
    Path peopleDir;

    @Option(names = "--threshold", paramLabel = "T", description = "Least cosine similarity to a person's "
            + "enrolled face for a face to be named as them (default: ${DEFAULT-VALUE}).")
    float threshold = Gallery.DEFAULT_THRESHOLD;

    @Option(names = "--json", description = "One JSON object per image and line, instead of a table.")
    boolean json;

    @Mixin
    DetectorSettings settings;

    private int failures;

    @Override
    public Integer call() {
        if (!Files.isDirectory(peopleDir)) {
            throw new ParameterException(spec.commandLine(), "--people: " + peopleDir + " is not a folder");
        }
        if (threshold < -1 || threshold > 1) {
            throw new ParameterException(spec.commandLine(), "--threshold: a cosine similarity is between -1 and 1, got "
                    + threshold);
        }
        PrintWriter out = spec.commandLine().getOut();
        DetectorOptions options = settings.toOptions();
        try (FaceDetector detector = settings.createFaceDetector();
             FaceEmbedder embedder = FaceEmbedder.create(options.threads())) {
            Gallery<String> gallery = enrol(detector, embedder);
            if (gallery.size() == 0) {
                spec.commandLine().getErr().println("face-stream identify: no face enrolled from " + peopleDir);
                return 1;
            }
            for (Path path : images) {
                read(path).ifPresent(image -> report(path, identify(image, detector, embedder, gallery), out));
                out.flush();
            }
        }
        return failures == 0 ? 0 : 1;
    }

    /** The largest face of every photo in every person's folder. */
    private Gallery<String> enrol(FaceDetector detector, FaceEmbedder embedder) {
        Gallery<String> gallery = new Gallery<>();
        for (Path person : sorted(peopleDir).filter(Files::isDirectory).toList()) {
            for (Path photo : sorted(person).filter(Files::isRegularFile).toList()) {
                Optional<RgbImage> image = read(photo);
                if (image.isEmpty()) {
                    continue;
                }
                Optional<Face> largest = detector.detect(image.get()).stream()
                        .max(Comparator.comparingDouble(face -> face.box().area()));
                if (largest.isEmpty()) {
                    fail(photo + ": no face found to enrol");
                    continue;
                }
                gallery.add(person.getFileName().toString(), embedder.embed(image.get(), List.of(largest.get()))[0]);
            }
        }
        return gallery;
    }

    private record Identified(Face face, Gallery.Match<String> match) {
    }

    private List<Identified> identify(RgbImage image, FaceDetector detector, FaceEmbedder embedder, Gallery<String> gallery) {
        List<Face> faces = detector.detect(image);
        float[][] embeddings = embedder.embed(image, faces);
        List<Identified> identified = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) {
            identified.add(new Identified(faces.get(i), gallery.best(embeddings[i]).orElseThrow()));
        }
        return identified;
    }

    private void report(Path path, List<Identified> faces, PrintWriter out) {
        if (json) {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("image", path.toString());
            object.put("faces", faces.stream().map(this::jsonFace).toList());
            try {
                out.println(JSON.writeValueAsString(object));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write JSON", e);
            }
            return;
        }
        out.printf(Locale.ROOT, "%s  %d face%s%n", path, faces.size(), faces.size() == 1 ? "" : "s");
        for (Identified face : faces) {
            Box b = face.face().box();
            out.printf(Locale.ROOT, "  %-20s  similarity %.3f  score %.4f  box %.0f,%.0f,%.0f,%.0f%n",
                    person(face).orElse("unknown"), face.match().similarity(), face.face().score(), b.x1(), b.y1(),
                    b.x2(), b.y2());
        }
    }

    /** As {@code detect --json} gives a face, with its person (null when unknown) and the best similarity. */
    private Map<String, Object> jsonFace(Identified face) {
        Map<String, Object> object = new LinkedHashMap<>(DetectionReport.Json.face(face.face()));
        object.put("person", person(face).orElse(null));
        object.put("similarity", DetectionReport.Json.round(face.match().similarity(), 1000));
        return object;
    }

    /** The matched person's name, when the similarity reaches the threshold. */
    private Optional<String> person(Identified face) {
        return face.match().similarity() >= threshold ? Optional.of(face.match().person()) : Optional.empty();
    }

    private Optional<RgbImage> read(Path path) {
        try {
            return Optional.of(RgbImage.read(path));
        } catch (IOException e) {
            fail(e.getMessage());
            return Optional.empty();
        }
    }

    private void fail(String message) {
        spec.commandLine().getErr().println("face-stream identify: " + message);
        failures++;
    }

    private static Stream<Path> sorted(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
