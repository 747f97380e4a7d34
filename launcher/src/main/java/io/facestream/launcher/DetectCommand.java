package io.facestream.launcher;

import io.facestream.cascade.DetectorOptions;
import io.facestream.cascade.Face;
import io.facestream.cascade.FaceDetector;
import io.facestream.cascade.ImageTooLargeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
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
                + "from frame to frame. With --model blazeface: six keypoints (right eye, left eye, nose tip, "
                + "mouth centre, right ear tragion, left ear tragion; the person's right appears on the left), "
                + "image files only.",
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
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (images.isEmpty() == (video.file == null)) {
            throw new ParameterException(spec.commandLine(), "give IMAGE files or --video FILE");
        }
        if (video.file != null) {
            return new VideoDetection(video, annotateDir).run(settings,
                    json ? new VideoReport.Json(out) : new VideoReport.Lines(out), out, err);
        }
        DetectionReport report = json ? new DetectionReport.Json(out) : new DetectionReport.Table(out);
        int failures = 0;
        DetectorOptions options = settings.toOptions();
        // The first files decode while the models load.
        try (ImageReadAhead files = new ImageReadAhead(images, maxPixels, 2 * options.threads());
             FaceDetector detector = settings.model().createFaceDetector(options)) {
            // As many images at a time as the detector has threads: each thread takes one whole (see detectBatch).
            List<ImageReadAhead.Decoded> batch = new ArrayList<>();
            while (files.hasNext()) {
                ImageReadAhead.Decoded next = files.next();
                if (next.error() != null) {
                    detect(detector, batch, report, out);
                    err.println("face-stream detect: " + next.error().getMessage()
                            + (next.error() instanceof ImageTooLargeException ? " (--max-pixels)" : ""));
                    failures++;
                    continue;
                }
                batch.add(next);
                if (batch.size() == options.threads()) {
                    detect(detector, batch, report, out);
                }
            }
            detect(detector, batch, report, out);
        }
        return failures == 0 ? 0 : 1;
    }

    /** Detects in the images of {@code batch}, reports them in order and empties it. */
    private void detect(FaceDetector detector, List<ImageReadAhead.Decoded> batch, DetectionReport report,
                        PrintWriter out) throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        List<List<Face>> faces = detector.detectBatch(batch.stream().map(ImageReadAhead.Decoded::image).toList());
        for (int i = 0; i < batch.size(); i++) {
            ImageReadAhead.Decoded image = batch.get(i);
            FoundFaces found = new FoundFaces(detector.model(), faces.get(i));
            report.write(image.file(), image.image(), detector.provider(), found);
            if (annotateDir != null) {
                Annotation.write(image.image(), found, annotateDir, image.file());
            }
        }
        out.flush();
        batch.clear();
    }
}
