package io.facestream.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP "camera" that hangs as IP cameras do: each connection gets a few seconds of an MPEG-TS
 * stream, then nothing more, with the connection left open.
 */
final class StallingHttpServer implements AutoCloseable {
    private final ServerSocket server;
    private final byte[] stream;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    StallingHttpServer(byte[] stream) throws IOException {
        this.stream = stream;
        this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptAll, "stalling-http-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/live.ts";
    }

    int connections() {
        return connections.get();
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                connections.incrementAndGet();
                serve(socket);
            } catch (IOException e) {
                // Closed by close(), or a client that went away: either way, on to the next.
            }
        }
    }

    private void serve(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
        }
        OutputStream out = socket.getOutputStream();
        out.write("HTTP/1.0 200 OK\r\nContent-Type: video/mp2t\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.write(stream);
        out.flush();
        // And then silence, with the socket kept open.
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
    }
}
