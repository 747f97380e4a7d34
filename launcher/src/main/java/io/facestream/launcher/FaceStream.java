package io.facestream.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one face-stream executable: each part of the pipeline is a subcommand. */
@Command(name = "face-stream", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Finds faces and five facial landmarks in camera video with the MTCNN cascade.",
        subcommands = {LocalCommand.class, IngestCommand.class, WorkerCommand.class, SinkCommand.class, DetectCommand.class, BenchCommand.class, ConvertModelsCommand.class,
                CommandLine.HelpCommand.class})
public final class FaceStream {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new FaceStream()).setCaseInsensitiveEnumValuesAllowed(true);
    }
}
