package io.facestream.launcher;

import picocli.CommandLine.Model.CommandSpec;

/** A service's setting that cannot be used: one line naming it, and exit code 2, as for a bad option. */
final class BadSetting {
    static final int EXIT_CODE = 2;

    private BadSetting() {
    }

    /** Prints {@code problem}'s message, which names the variable, and returns the exit code. */
    static int report(CommandSpec spec, IllegalArgumentException problem) {
        spec.commandLine().getErr().println(spec.qualifiedName() + ": " + problem.getMessage());
        return EXIT_CODE;
    }
}
