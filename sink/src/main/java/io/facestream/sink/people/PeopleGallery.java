package io.facestream.sink.people;

import io.facestream.recognition.Gallery;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The enrolled faces in memory, matched by brute force (a few milliseconds for 10,000 faces), reloaded after every
 * change to the {@link PeopleStore}. Thread-safe: matching reads an immutable snapshot, which each reload replaces.
 */
public final class PeopleGallery {
    private final Supplier<List<PeopleStore.Enrolment>> enrolments;
    private volatile Snapshot snapshot = new Snapshot(new Gallery<>(), Map.of(), 0);

    /** The best match of a face, however weak. */
    public record Match(long personId, String name, float similarity) {
    }

    private record Snapshot(Gallery<Long> gallery, Map<Long, String> names, long version) {
    }

    /** @param enrolments every enrolled face, read at each {@link #reload()}: the store's, in the sink */
    public PeopleGallery(Supplier<List<PeopleStore.Enrolment>> enrolments) {
        this.enrolments = enrolments;
    }

    /** Reads every enrolled face again. */
    public synchronized void reload() {
        Gallery<Long> gallery = new Gallery<>();
        Map<Long, String> names = new HashMap<>();
        for (PeopleStore.Enrolment enrolment : enrolments.get()) {
            gallery.add(enrolment.personId(), enrolment.embedding());
            names.put(enrolment.personId(), enrolment.name());
        }
        snapshot = new Snapshot(gallery, names, snapshot.version() + 1);
    }

    /** The enrolled person most like {@code embedding}; empty while nobody is enrolled. */
    public Optional<Match> best(float[] embedding) {
        Snapshot current = snapshot;
        return current.gallery().best(embedding).map(match ->
                new Match(match.person(), current.names().get(match.person()), match.similarity()));
    }

    /** How many faces are enrolled. */
    public int size() {
        return snapshot.gallery().size();
    }

    /** Changes with every reload: matches made before a change may name people who are gone. */
    public long version() {
        return snapshot.version();
    }
}
