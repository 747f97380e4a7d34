package io.facestream.sink.people;

/**
 * What the sink stores about who a face is.
 *
 * @param personId the matched person; null when unknown or not identified
 * @param name the matched person's name; null when unknown
 * @param similarity the cosine similarity of the best match, even one below the threshold; null when the face was not
 *                   compared with anyone (no embedding and no earlier match in its track, or nobody enrolled)
 * @param embedding the face's own embedding as stored ({@code SINK_STORE_EMBEDDINGS}); null when not kept
 */
public record FaceIdentity(Long personId, String name, Float similarity, byte[] embedding) {
    public static final FaceIdentity NONE = new FaceIdentity(null, null, null, null);

    public boolean known() {
        return personId != null;
    }

    FaceIdentity withEmbedding(byte[] stored) {
        return new FaceIdentity(personId, name, similarity, stored);
    }
}
