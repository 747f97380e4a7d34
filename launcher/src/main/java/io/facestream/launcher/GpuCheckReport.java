package io.facestream.launcher;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What {@code bench gpu} found, one entry per step, written as {@code report.txt} (to read) and
 * {@code report.json} (the same, with each step's figures as its command printed them).
 *
 * @param provider         the provider asked for: cuda, or cpu for checking the check without a GPU
 * @param status           ok when every step that was not skipped on purpose passed
 * @param started          when the check started, ISO-8601 UTC
 * @param seconds          how long it took
 * @param timeLimitSeconds the longest it was allowed
 * @param gpu              the GPUs nvidia-smi lists, or "-" where it was not asked
 */
record GpuCheckReport(String provider, Status status, String started, double seconds, double timeLimitSeconds,
                      String gpu, List<Step> steps) {

    enum Status {
        OK, FAILED, SKIPPED;

        @JsonValue
        String lowerCase() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One step of the check.
     *
     * @param provider where the step's networks ran, as the step itself reported it ("-" where it ran none)
     * @param detail   the step's result in a line where it passed; what went wrong, or why it was skipped, otherwise
     * @param figures  the step's own figures (the bench commands' JSON as they printed it), or null
     */
    record Step(String name, Status status, double seconds, String provider, String detail, JsonNode figures) {
        static Step skipped(String name, String why) {
            return new Step(name, Status.SKIPPED, 0, "-", why, null);
        }

        static Step failed(String name, String why) {
            return new Step(name, Status.FAILED, 0, "-", why, null);
        }
    }

    static GpuCheckReport of(String provider, String started, double seconds, double timeLimitSeconds, String gpu,
                             List<Step> steps) {
        boolean failed = steps.stream().anyMatch(step -> step.status() == Status.FAILED);
        return new GpuCheckReport(provider, failed ? Status.FAILED : Status.OK, started, seconds, timeLimitSeconds,
                gpu, List.copyOf(steps));
    }

    /** The line that says what went wrong first (and how many other steps failed); empty where nothing did. */
    String failureLine() {
        List<Step> failed = steps.stream().filter(step -> step.status() == Status.FAILED).toList();
        if (failed.isEmpty()) {
            return "";
        }
        String more = failed.size() == 1 ? ""
                : String.format(Locale.ROOT, " (and %d more failed step(s): see report.txt)", failed.size() - 1);
        return "gpu-check: " + failed.get(0).detail() + more;
    }

    String text() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT,
                "face-stream GPU check on %s: %s, %.0f s of at most %.0f s, started %s%n", provider,
                status.name(), seconds, timeLimitSeconds, started));
        text.append("GPU: ").append(gpu).append(System.lineSeparator()).append(System.lineSeparator());
        String row = "%-16s %-8s %8s  %-8s %s%n";
        text.append(String.format(Locale.ROOT, row, "step", "status", "seconds", "ran on", "result"));
        for (Step step : steps) {
            text.append(String.format(Locale.ROOT, row, step.name(), step.status().lowerCase(),
                    String.format(Locale.ROOT, "%.1f", step.seconds()), step.provider(), step.detail()));
        }
        return text.toString();
    }

    void write(Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("report.txt"), text());
        Files.writeString(folder.resolve("report.json"),
                new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(this) + System.lineSeparator());
    }
}
