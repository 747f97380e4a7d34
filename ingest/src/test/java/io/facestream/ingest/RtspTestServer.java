package io.facestream.ingest;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's GStreamer RTSP server (python3-gi, gir1.2-gst-rtsp-server-1.0, gstreamer1.0-plugins-good)
 * serving a live test pattern as RTP/JPEG at {@code rtsp://127.0.0.1:PORT/cam}; stoppable and
 * restartable on the same port, and pausable (SIGSTOP) as a camera that hangs. Options of the server
 * script: {@code --udp-only}, {@code --login USER:PASSWORD}.
 */
final class RtspTestServer implements AutoCloseable {
    static final String PYTHON = "/usr/bin/python3";
    private final Path dir;
    private final int port;
    private final List<String> options;
    private ExternalProcess process;

    RtspTestServer(Path dir, int port, String... options) {
        this.dir = dir;
        this.port = port;
        this.options = List.of(options);
    }

    String url() {
        return "rtsp://127.0.0.1:" + port + "/cam";
    }

    void start() throws IOException {
        Path script = dir.resolve("rtsp_server.py");
        if (!Files.exists(script)) {
            try (InputStream in = RtspTestServer.class.getResourceAsStream("rtsp_server.py")) {
                Files.copy(in, script);
            }
        }
        Path log = Files.createTempFile(dir, "rtsp", ".log");
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString(), Integer.toString(port)));
        command.addAll(options);
        process = ExternalProcess.start(log, command);
        await().atMost(Duration.ofSeconds(15)).until(() -> started(log));
    }

    private boolean started(Path log) throws IOException {
        String output = process.output();
        if (!process.isAlive()) {
            throw new IllegalStateException("the RTSP test server did not start (needs: apt-get install python3-gi"
                    + " gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-base gstreamer1.0-plugins-good):\n" + output);
        }
        return output.contains("ready");
    }

    /** Freezes the server with its connections open, as a camera that hangs. */
    void pause() throws IOException, InterruptedException {
        process.signal("STOP");
    }

    void resume() throws IOException, InterruptedException {
        process.signal("CONT");
    }

    /** The connections the server accepted since it started. */
    long clients() throws IOException {
        return process.output().lines().filter("client"::equals).count();
    }

    void stop() throws InterruptedException {
        if (process != null) {
            process.close();
            process = null;
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
