package io.facestream.launcher;

import io.facestream.ingest.IngestConfig;
import io.facestream.schemas.EnvironmentVariable;
import io.facestream.schemas.FatalErrors;
import io.facestream.schemas.KafkaSettings;
import io.facestream.sink.SinkConfig;
import io.facestream.worker.WorkerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one face-stream executable: each part of the pipeline is a subcommand. */
@Command(name = "face-stream", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Finds faces and five facial landmarks in camera video with the MTCNN cascade.",
        subcommands = {LocalCommand.class, IngestCommand.class, WorkerCommand.class, SinkCommand.class, TopicsCommand.class, DetectCommand.class, IdentifyCommand.class, BenchCommand.class, ConvertModelsCommand.class,
                CommandLine.HelpCommand.class})
public final class FaceStream {

    public static void main(String[] args) {
        String logFormat = System.getenv("LOG_FORMAT");
        if (logFormat != null && !logFormat.isBlank() && !LogSettings.FORMATS.contains(logFormat)) {
            // logback.xml picks the appender by this name: any other value would silence every log line.
            System.err.println("LOG_FORMAT must be one of " + String.join(", ", LogSettings.FORMATS) + ", got '"
                    + logFormat + "'");
            System.exit(2);
        }
        FatalErrors.install(); // an Error that ends a service's loop ends the process, so that it is restarted
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new FaceStream()).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(FaceStream::fileProblem);
        environmentHelp(commandLine.getSubcommands().get("ingest"), IngestConfig.VARIABLES);
        environmentHelp(commandLine.getSubcommands().get("worker"), WorkerConfig.VARIABLES);
        environmentHelp(commandLine.getSubcommands().get("sink"), SinkConfig.variables());
        environmentHelp(commandLine.getSubcommands().get("topics"), List.of());
        return commandLine;
    }

    /**
     * A file a command was given that cannot be read (a missing photo, an unreadable video) is the user's to fix: one
     * line naming it, exit code 1. Anything else keeps its stack trace.
     */
    private static int fileProblem(Exception e, CommandLine command, CommandLine.ParseResult parsed) throws Exception {
        if (!(e instanceof IOException || e instanceof UncheckedIOException)) {
            throw e;
        }
        command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        return 1;
    }

    /** The variables a service reads, listed in its help from the same list its configuration declares. */
    private static void environmentHelp(CommandLine command, List<EnvironmentVariable> own) {
        List<EnvironmentVariable> all = new ArrayList<>(own);
        all.addAll(KafkaSettings.VARIABLES);
        all.addAll(LogSettings.VARIABLES);
        String text = "%nEnvironment [default]:%n" + EnvironmentVariable.describe(all).replace("%", "%%")
                .replace("\n", "%n");
        command.getCommandSpec().usageMessage().footer(text);
        command.setUsageHelpWidth(120);
    }
}
