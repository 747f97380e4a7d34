package io.facestream.launcher;

import io.facestream.tracking.TrackerOptions;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options of {@code detect --video}: which file, at what rate, with or without tracking. */
final class VideoOptions {
    /** Tracking on or off. */
    enum Switch { ON, OFF }

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--video", paramLabel = "FILE",
            description = "Detect in the frames of a video file (any format FFmpeg reads) instead of images: one "
                    + "result per frame, each face with a track id.")
    Path file;

    @Option(names = "--fps", paramLabel = "F",
            description = "With --video: sample the frames to this rate, as ingest samples cameras "
                    + "(default: every frame).")
    Double fps;

    @Option(names = "--tracking", paramLabel = "on|off",
            description = "With --video: follow faces from frame to frame and scan only where something moved (on), "
                    + "or run the whole cascade on every frame (off) (default: ${DEFAULT-VALUE}).")
    Switch tracking = Switch.ON;

    @Option(names = "--full-scan-interval", paramLabel = "SECONDS",
            description = "With --video and tracking: scan the whole frame at least this often while anything moves "
                    + "or a face is in view (default: ${DEFAULT-VALUE}).")
    double fullScanSeconds = TrackerOptions.defaults().fullScanInterval().toMillis() / 1000.0;

    /** The tracker's options; a bad value is a usage error naming its option. */
    TrackerOptions trackerOptions() {
        if (fps != null && !(fps > 0)) {
            throw new ParameterException(spec.commandLine(), "--fps must be above 0, got " + fps);
        }
        if (!(fullScanSeconds > 0)) {
            throw new ParameterException(spec.commandLine(), "--full-scan-interval must be above 0, got "
                    + fullScanSeconds);
        }
        return TrackerOptions.defaults().withTracking(tracking == Switch.ON)
                .withFullScanInterval(Duration.ofMillis(Math.max(1, Math.round(fullScanSeconds * 1000))));
    }
}
