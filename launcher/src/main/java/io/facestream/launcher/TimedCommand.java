package io.facestream.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A command run by {@code bench gpu} to its end or to its time limit, its output kept as {@code NAME.out} and
 * {@code NAME.err} in a log folder, so that a failed step can be looked into after the check.
 */
record TimedCommand(List<String> command, Map<String, String> environment, Path directory) {

    /** How it ended: its exit code (-1 where it was stopped at its time limit), what it printed. */
    record Outcome(int exitCode, boolean timedOut, String out, String err) {
        boolean succeeded() {
            return !timedOut && exitCode == 0;
        }

        /**
         * The line of its error output that says what went wrong: the last one that is neither a stack frame nor a
         * log line's continuation, e.g. "Caused by: ...: libcudnn.so.9: cannot open shared object file".
         */
        String lastMessage() {
            List<String> lines = err.lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("at ") && !line.startsWith("..."))
                    .toList();
            return lines.isEmpty() ? "no error output" : lines.get(lines.size() - 1);
        }
    }

    Outcome run(Path logs, String name, double timeoutSeconds) throws IOException, InterruptedException {
        Files.createDirectories(logs);
        Path out = logs.resolve(name + ".out");
        Path err = logs.resolve(name + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        boolean finished = process.waitFor((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS);
        if (!finished) {
            // mvn is a shell script that starts a JVM: stop what the command started too, not only the command.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor();
        }
        return new Outcome(finished ? process.exitValue() : -1, !finished, text(out), text(err));
    }

    /** A log's text; bytes that are not UTF-8 become replacement characters instead of failing the check. */
    private static String text(Path log) throws IOException {
        return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    }

    /** The program's path where it is on the PATH, as a shell would find it. */
    static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
