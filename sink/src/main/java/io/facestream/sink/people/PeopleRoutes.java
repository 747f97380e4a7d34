package io.facestream.sink.people;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facestream.sink.ApiJson;
import io.facestream.sink.crops.CropStore;
import io.facestream.sink.people.Person.EnrolledFace;
import io.facestream.sink.people.Person.FaceSource;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The gallery's routes: {@code GET} and {@code POST /api/people}, {@code GET} and {@code DELETE /api/people/{id}},
 * {@code POST /api/people/{id}/faces} with a photo (an image body) or a stored face (JSON), and
 * {@code DELETE /api/people/{id}/faces/{face}}. Every change is matched against from the next batch of events on.
 */
public final class PeopleRoutes {
    private static final ObjectMapper JSON = ApiJson.mapper();

    private final PeopleStore people;
    private final PeopleGallery gallery;
    private final FaceEnrolment enrolment;

    /** @param gallery reloaded after each change of {@code people} */
    public PeopleRoutes(PeopleStore people, PeopleGallery gallery, FaceEnrolment enrolment) {
        this.people = people;
        this.gallery = gallery;
        this.enrolment = enrolment;
    }

    /** The body of {@code POST /api/people}. */
    record NewPerson(String name, String note) {
    }

    /** The JSON body of {@code POST /api/people/{id}/faces}: a face the sink stored. */
    record StoredFace(String camera, Long sequence, Integer face) {
    }

    public void addTo(RoutesConfig routes) {
        routes.get("/api/people", ctx -> ctx.json(people.list()));
        routes.post("/api/people", this::add);
        routes.get("/api/people/{id}", ctx -> answer(ctx, people.find(id(ctx, "id"))));
        routes.delete("/api/people/{id}", this::delete);
        routes.post("/api/people/{id}/faces", this::enrol);
        routes.delete("/api/people/{id}/faces/{face}", this::deleteFace);
    }

    private void add(Context ctx) {
        NewPerson person = body(ctx, NewPerson.class, "{\"name\": \"Ada Lovelace\", \"note\": \"optional\"}");
        ctx.status(HttpStatus.CREATED).json(people.add(person.name(), person.note()));
    }

    private void delete(Context ctx) {
        long id = id(ctx, "id");
        if (people.delete(id)) {
            gallery.reload();
            ctx.status(HttpStatus.NO_CONTENT);
        } else {
            notFound(ctx, "no person " + id);
        }
    }

    private void enrol(Context ctx) {
        long id = id(ctx, "id");
        if (people.find(id).isEmpty()) {
            notFound(ctx, "no person " + id);
            return;
        }
        String type = Optional.ofNullable(ctx.contentType()).orElse("").toLowerCase(Locale.ROOT);
        FaceSource source = null;
        float[] embedding;
        if (type.startsWith("image/")) {
            if (ctx.contentLength() > FaceEnrolment.MAX_PHOTO_BYTES) {
                ctx.status(HttpStatus.CONTENT_TOO_LARGE).json(Map.of("error",
                        FaceEnrolment.tooLarge(ctx.contentLength())));
                return;
            }
            embedding = enrolment.fromPhoto(ctx.bodyAsBytes());
        } else if (type.startsWith("application/json")) {
            source = storedFace(ctx);
            Optional<float[]> stored = enrolment.fromStoredFace(source);
            if (stored.isEmpty()) {
                notFound(ctx, "no stored crop of face " + source.face() + " of " + source.camera() + " #"
                        + source.sequence() + " (crops are kept for the retention period)");
                return;
            }
            embedding = stored.get();
        } else {
            ctx.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).json(Map.of("error", "send a photo (Content-Type image/jpeg "
                    + "or image/png) or a stored face as JSON {\"camera\": ..., \"sequence\": ..., \"face\": ...}"));
            return;
        }
        Optional<EnrolledFace> enrolled = people.enrol(id, embedding, source);
        if (enrolled.isPresent()) {
            gallery.reload();
            ctx.status(HttpStatus.CREATED).json(enrolled.get());
        } else {
            notFound(ctx, "no person " + id); // deleted meanwhile
        }
    }

    private void deleteFace(Context ctx) {
        long id = id(ctx, "id");
        long face = id(ctx, "face");
        if (people.deleteFace(id, face)) {
            gallery.reload();
            ctx.status(HttpStatus.NO_CONTENT);
        } else {
            notFound(ctx, "person " + id + " has no enrolled face " + face);
        }
    }

    private static FaceSource storedFace(Context ctx) {
        StoredFace face = body(ctx, StoredFace.class, "{\"camera\": \"door\", \"sequence\": 42, \"face\": 0}");
        if (face.camera() == null || face.sequence() == null || face.face() == null) {
            throw new IllegalArgumentException("a stored face needs camera, sequence and face, such as "
                    + "{\"camera\": \"door\", \"sequence\": 42, \"face\": 0}");
        }
        if (face.sequence() < 0 || face.face() < 0) {
            throw new IllegalArgumentException("sequence and face must not be negative");
        }
        return new FaceSource(CropStore.requireCameraId(face.camera()), face.sequence(), face.face());
    }

    private static <T> T body(Context ctx, Class<T> type, String example) {
        try {
            T value = JSON.readValue(ctx.body(), type);
            if (value == null) {
                throw new IllegalArgumentException("the body must be a JSON object such as " + example);
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the body must be a JSON object such as " + example + ": "
                    + e.getOriginalMessage());
        }
    }

    private static void answer(Context ctx, Optional<Person> person) {
        if (person.isPresent()) {
            ctx.json(person.get());
        } else {
            notFound(ctx, "no person " + ctx.pathParam("id"));
        }
    }

    private static void notFound(Context ctx, String why) {
        ctx.status(HttpStatus.NOT_FOUND).json(Map.of("error", why));
    }

    private static long id(Context ctx, String name) {
        String value = ctx.pathParam(name);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'");
        }
    }
}
