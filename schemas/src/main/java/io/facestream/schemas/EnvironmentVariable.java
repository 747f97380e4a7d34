package io.facestream.schemas;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A setting a service reads from the environment: its name, its default as shown to people, and what it
 * means. Each configuration class lists its own; the lists make the commands' help texts and let the
 * tests check that deployment files set only variables the services read.
 *
 * @param name         the variable, e.g. WORKER_MAX_BATCH; a name ending in {@code *} is a prefix
 * @param defaultValue the default as shown in help texts; empty when there is none
 * @param meaning      a few words on what it sets
 */
public record EnvironmentVariable(String name, String defaultValue, String meaning) {

    public boolean isPrefix() {
        return name.endsWith("*");
    }

    /** Whether {@code variable} is this one, or starts with this prefix. */
    public boolean matches(String variable) {
        return isPrefix() ? variable.startsWith(name.substring(0, name.length() - 1)) : name.equals(variable);
    }

    /** One line per variable: {@code NAME [default]  meaning}, for help texts. */
    public static String describe(List<EnvironmentVariable> variables) {
        int width = variables.stream().mapToInt(v -> v.name().length()).max().orElse(0);
        return variables.stream()
                .map(v -> String.format("  %-" + width + "s  %s%s", v.name(),
                        v.defaultValue().isEmpty() ? "" : "[" + v.defaultValue() + "] ", v.meaning()))
                .collect(Collectors.joining("\n"));
    }
}
