package io.facestream.recognition;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Known people, each with one or more embeddings from {@link FaceEmbedder}, matched by brute force: a face is most
 * like the person with the single most similar embedding. Not thread-safe while people are added.
 *
 * @param <P> how a person is named: a name, an id
 */
public final class Gallery<P> {
    /**
     * The least cosine similarity that names a person, by default: between the same person's least similarity and
     * different people's greatest in {@code face-stream bench identify} (0.727 and 0.504 on the sample videos and
     * photos).
     */
    public static final float DEFAULT_THRESHOLD = 0.6f;
    private final List<P> people = new ArrayList<>();
    private final List<float[]> embeddings = new ArrayList<>();

    /** The person of a face, and the cosine similarity that made them so. */
    public record Match<P>(P person, float similarity) {
    }

    /** Adds an embedding of {@code person}; a person may have several. */
    public void add(P person, float[] embedding) {
        if (embedding.length != FaceEmbedder.DIMENSIONS) {
            throw new IllegalArgumentException("an embedding has " + FaceEmbedder.DIMENSIONS + " values, got "
                    + embedding.length);
        }
        people.add(person);
        embeddings.add(embedding.clone());
    }

    /** How many embeddings the gallery holds. */
    public int size() {
        return embeddings.size();
    }

    /** The most similar person, however low the similarity; empty for an empty gallery. */
    public Optional<Match<P>> best(float[] embedding) {
        int best = -1;
        float bestSimilarity = -Float.MAX_VALUE;
        for (int i = 0; i < embeddings.size(); i++) {
            float similarity = FaceEmbedder.similarity(embedding, embeddings.get(i));
            if (similarity > bestSimilarity) {
                best = i;
                bestSimilarity = similarity;
            }
        }
        return best < 0 ? Optional.empty() : Optional.of(new Match<>(people.get(best), bestSimilarity));
    }
}
