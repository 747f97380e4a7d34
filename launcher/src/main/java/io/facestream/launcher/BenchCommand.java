package io.facestream.launcher;

import picocli.CommandLine.Command;

/** {@code face-stream bench}: benchmarks, one subcommand per part of the pipeline. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures speed: frames per second and where the time goes.",
        subcommands = {CascadeBenchCommand.class, DetectorsBenchCommand.class, PipelineBenchCommand.class,
                VideoBenchCommand.class, IdentifyBenchCommand.class, GpuCheckCommand.class})
final class BenchCommand {
}
