package io.facestream.launcher;

import io.facestream.cascade.Face;
import io.facestream.cascade.FaceDetector;
import io.facestream.cascade.ImageTooLargeException;
import io.facestream.cascade.RgbImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code face-stream detect}: faces and landmarks in image files, as a table or JSON. */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = "Detects faces and five landmarks (left eye, right eye, nose, mouth left, mouth right) "
                + "in image files (JPEG, PNG, BMP, GIF), or with --video in the frames of a video, following them "
                + "from frame to frame.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every image was processed", "1:some image could not be read", "2:bad options"})
final class DetectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "IMAGE", description = "Image files to search.")
    List<Path> images = List.of();

    @Option(names = "--json", description = "One JSON object per image and line, instead of a table.")
    boolean json;

    @Option(names = "--annotate", paramLabel = "DIR",
            description = "Also write each image as DIR/<name>.png with boxes and landmarks drawn.")
    Path annotateDir;

    @Option(names = "--max-pixels", paramLabel = "N", description = "Images whose header declares more pixels are "
            + "refused before decoding (default: ${DEFAULT-VALUE}, 50 megapixels).")
    long maxPixels = 50_000_000;

    @Mixin
    DetectorSettings settings;

    @Mixin
    VideoOptions video;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (images.isEmpty() == (video.file == null)) {
            throw new ParameterException(spec.commandLine(), "give IMAGE files or --video FILE");
        }
        if (video.file != null) {
            return new VideoDetection(video, annotateDir).run(settings.toOptions(),
                    json ? new VideoReport.Json(out) : new VideoReport.Lines(out), out, err);
        }
        DetectionReport report = json ? new DetectionReport.Json(out) : new DetectionReport.Table(out);
        int failures = 0;
        try (FaceDetector detector = FaceDetector.create(settings.toOptions())) {
            for (Path path : images) {
                RgbImage image;
                try {
                    image = RgbImage.read(path, maxPixels);
                } catch (IOException e) {
                    err.println("face-stream detect: " + e.getMessage()
                            + (e instanceof ImageTooLargeException ? " (--max-pixels)" : ""));
                    failures++;
                    continue;
                }
                List<Face> faces = detector.detect(image);
                report.write(path, image, detector.provider(), faces);
                if (annotateDir != null) {
                    Annotation.write(image, faces, annotateDir, path);
                }
                out.flush();
            }
        }
        return failures == 0 ? 0 : 1;
    }
}
