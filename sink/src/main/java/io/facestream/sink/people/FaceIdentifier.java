package io.facestream.sink.people;

import io.facestream.schemas.avro.DetectedFace;
import io.facestream.schemas.avro.FaceDetections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches the faces of events against the gallery. Workers embed a tracked face only now and then, so a face without
 * an embedding takes the identity its track was last given. Used by one thread (event storage, an alert task).
 */
public final class FaceIdentifier {
    /** Tracks remembered, the least recently seen forgotten first: far more than a site's cameras see at once. */
    private static final int TRACKS = 10_000;

    private final PeopleGallery gallery;
    private final float threshold;
    private final boolean storeEmbeddings;
    private final Map<String, FaceIdentity> byTrack = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, FaceIdentity> eldest) {
            return size() > TRACKS;
        }
    };
    private long galleryVersion = -1;

    /**
     * @param threshold the least cosine similarity that names a person ({@code SINK_MATCH_THRESHOLD})
     * @param storeEmbeddings whether the faces' own embeddings are stored ({@code SINK_STORE_EMBEDDINGS})
     */
    public FaceIdentifier(PeopleGallery gallery, float threshold, boolean storeEmbeddings) {
        this.gallery = gallery;
        this.threshold = threshold;
        this.storeEmbeddings = storeEmbeddings;
    }

    public FaceIdentities identify(List<FaceDetections> events) {
        if (gallery.version() != galleryVersion) {
            byTrack.clear(); // a track's person may have been deleted, or someone enrolled who matches better
            galleryVersion = gallery.version();
        }
        Map<FaceDetections, List<FaceIdentity>> identities = new IdentityHashMap<>();
        for (FaceDetections event : events) {
            identities.put(event, event.getFaces().stream().map(face -> identify(event.getCameraId(), face)).toList());
        }
        return (event, face) -> identities.get(event).get(face);
    }

    private FaceIdentity identify(String camera, DetectedFace face) {
        String track = face.getTrackId() == null ? null : camera + '\u0000' + face.getTrackId();
        if (face.getEmbedding() == null) {
            return track == null ? FaceIdentity.NONE : byTrack.getOrDefault(track, FaceIdentity.NONE);
        }
        float[] embedding = Embeddings.of(face.getEmbedding());
        FaceIdentity identity = gallery.best(embedding)
                .map(match -> match.similarity() >= threshold
                        ? new FaceIdentity(match.personId(), match.name(), match.similarity(), null)
                        : new FaceIdentity(null, null, match.similarity(), null))
                .orElse(FaceIdentity.NONE);
        if (track != null) {
            byTrack.put(track, identity);
        }
        return storeEmbeddings ? identity.withEmbedding(Embeddings.toBytes(embedding)) : identity;
    }
}
