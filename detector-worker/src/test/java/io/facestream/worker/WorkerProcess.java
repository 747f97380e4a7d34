package io.facestream.worker;

import io.facestream.schemas.FatalErrors;
import io.facestream.schemas.KafkaSettings;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/** A worker in a JVM of its own, so that a test can kill it without warning (SIGKILL) or watch it exit. */
public final class WorkerProcess {
    private WorkerProcess() {
    }

    /** Arguments: bootstrap servers, worker id, then worker variables as NAME=value. Runs until killed. */
    public static void main(String[] args) throws InterruptedException {
        FatalErrors.install(); // as the launcher does
        KafkaSettings kafka = KafkaSettings.fromEnvironment(Map.of("KAFKA_BOOTSTRAP_SERVERS", args[0]));
        Map<String, String> environment = new HashMap<>(DetectorWorkerTest.environment(args[1]));
        for (String setting : Arrays.copyOfRange(args, 2, args.length)) {
            String[] nameAndValue = setting.split("=", 2);
            environment.put(nameAndValue[0], nameAndValue[1]);
        }
        WorkerService.start(WorkerConfig.fromEnvironment(environment), kafka, 1);
        System.out.println("worker started");
        Thread.currentThread().join();
    }

    /** Starts {@link #main} in a child JVM with this test's class path; its output goes to {@code log}. */
    static Process launch(String bootstrap, String workerId, Path log) throws IOException {
        return launch(bootstrap, workerId, log, List.of(), List.of());
    }

    /** The same with options for the JVM (e.g. -Xmx256m) and worker variables ({@code NAME=value}). */
    static Process launch(String bootstrap, String workerId, Path log, List<String> jvmOptions, List<String> settings)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Djava.awt.headless=true"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPathJar(log.getParent()).toString(), WorkerProcess.class.getName(),
                bootstrap, workerId));
        command.addAll(settings);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /**
     * A jar whose manifest carries the class path. ONNX Runtime 1.29's native start-up crashes the JVM
     * (SIGSEGV, no error file) when the command line is longer than about 3,900 characters, as a
     * plain -cp with this module's test class path is.
     */
    private static Path classPathJar(Path dir) throws IOException {
        String entries = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toUri().toString())
                .collect(Collectors.joining(" "));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, entries);
        Path jar = dir.resolve("worker-classpath.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.flush();
        }
        return jar;
    }
}
