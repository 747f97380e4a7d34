package io.facestream.sink.people;

import io.facestream.recognition.FaceEmbedder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** How the database holds an embedding: its floats, little-endian, {@code 4 ×} {@link FaceEmbedder#DIMENSIONS} bytes. */
public final class Embeddings {
    private Embeddings() {
    }

    public static byte[] toBytes(float[] embedding) {
        ByteBuffer bytes = ByteBuffer.allocate(embedding.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(embedding);
        return bytes.array();
    }

    /** An event's embedding (Avro's list of floats) as an array. */
    public static float[] of(List<Float> embedding) {
        float[] values = new float[embedding.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = embedding.get(i);
        }
        return values;
    }

    static float[] fromBytes(byte[] bytes) {
        float[] embedding = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(embedding);
        return embedding;
    }
}
