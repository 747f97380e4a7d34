package io.facestream.worker;

import io.facestream.cascade.RgbImage;
import io.facestream.recognition.FaceAligner;
import io.facestream.recognition.FaceEmbedder;
import io.facestream.tracking.TrackedFace;
import io.facestream.tracking.TrackedFrame;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Which faces of a batch get an embedding, and their embeddings, all in one run of the embedder: every face of a frame
 * without tracking; with tracking, a track's first face and then one at most every {@code intervalMs} of capture
 * time, since a track is one person. Faces of cameras whose settings turn embeddings off get none. Used by one worker
 * thread.
 */
final class FaceEmbeddings {
    /** Tracks not embedded for this long are forgotten (a track id never comes back). */
    private static final long FORGET_AFTER_MS = 60_000;

    private final FaceEmbedder embedder;
    private final long intervalMs;
    private final Predicate<String> embedsCamera;
    /** Camera and track, to the capture time of the frame whose face was last embedded. */
    private final Map<String, Long> lastEmbedded = new HashMap<>();

    /** @param embedsCamera whether a camera's faces get embeddings, by its id */
    FaceEmbeddings(FaceEmbedder embedder, long intervalMs, Predicate<String> embedsCamera) {
        this.embedder = embedder;
        this.intervalMs = intervalMs;
        this.embedsCamera = embedsCamera;
    }

    /** The frames with their faces' embeddings; {@code cameras}, {@code images} and {@code frames} match. */
    List<ExaminedFrame> embed(List<String> cameras, List<RgbImage> images, List<ExaminedFrame> frames) {
        List<TrackedFrame> found = frames.stream().map(ExaminedFrame::found).toList();
        List<BufferedImage> aligned = new ArrayList<>();
        List<boolean[]> due = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            List<TrackedFace> faces = found.get(i).faces();
            boolean[] dueFaces = new boolean[faces.size()];
            BufferedImage picture = null;
            boolean embeds = embedsCamera.test(cameras.get(i));
            for (int f = 0; embeds && f < faces.size(); f++) {
                dueFaces[f] = due(cameras.get(i), faces.get(f).track(), found.get(i).timeMs());
                if (dueFaces[f]) {
                    picture = picture != null ? picture : images.get(i).toBufferedImage();
                    aligned.add(FaceAligner.aligned(picture, faces.get(f).face().landmarks()));
                }
            }
            due.add(dueFaces);
        }
        float[][] embeddings = embedder.embed(aligned);
        List<ExaminedFrame> examined = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < found.size(); i++) {
            float[][] perFace = new float[due.get(i).length][];
            for (int f = 0; f < perFace.length; f++) {
                perFace[f] = due.get(i)[f] ? embeddings[next++] : null;
            }
            examined.add(frames.get(i).withEmbeddings(Arrays.asList(perFace)));
        }
        forgetOldTracks(found);
        return examined;
    }

    /** Whether the face needs an embedding now; if so, notes that it gets one. */
    private boolean due(String camera, String track, long timeMs) {
        if (track == null) {
            return true;
        }
        String key = camera + "/" + track;
        Long last = lastEmbedded.get(key);
        if (last != null && timeMs >= last && timeMs - last < intervalMs) {
            return false;
        }
        lastEmbedded.put(key, timeMs);
        return true;
    }

    private void forgetOldTracks(List<TrackedFrame> found) {
        found.stream().mapToLong(TrackedFrame::timeMs).max()
                .ifPresent(latest -> lastEmbedded.values().removeIf(time -> time < latest - FORGET_AFTER_MS));
    }
}
