package io.facestream.models;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Runs a package client (npm, apt-get) and turns a failure into an error that shows its output. */
public final class ExternalCommand {
    private ExternalCommand() {
    }

    public static void run(Path workDir, String... command) throws IOException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot start '" + command[0] + "': is it installed and on the PATH?", e);
        }
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IOException("'" + String.join(" ", List.of(command)) + "' failed with exit code "
                        + exit + ":\n" + output.strip());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command[0], e);
        }
    }
}
