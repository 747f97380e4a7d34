package io.facestream.worker;

import io.facestream.cascade.RgbImage;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.schemas.avro.Frame;
import java.util.Iterator;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What became of one consumed record before detection: a decoded frame to detect in, a stale one
 * to skip, or one that failed and goes to the dead-letter topic.
 */
sealed interface FrameOutcome {

    ConsumerRecord<String, byte[]> record();

    /** The frame's event; {@code detections} yields the faces of each decoded frame in turn. */
    Optional<FaceDetections> event(FaceEvents events, Iterator<ExaminedFrame> detections);

    /** Why the record goes to the dead-letter topic, if it does. */
    default Optional<String> deadLetterReason() {
        return Optional.empty();
    }

    /** Decoded and fresh: the cascade looks at {@code image}. */
    record Decoded(ConsumerRecord<String, byte[]> record, Frame frame, RgbImage image) implements FrameOutcome {
        @Override
        public Optional<FaceDetections> event(FaceEvents events, Iterator<ExaminedFrame> detections) {
            return Optional.of(events.detected(frame, image, detections.next()));
        }
    }

    /** Captured longer ago than the worker's maximum frame age: reported, not examined. */
    record Stale(ConsumerRecord<String, byte[]> record, Frame frame) implements FrameOutcome {
        @Override
        public Optional<FaceDetections> event(FaceEvents events, Iterator<ExaminedFrame> detections) {
            return Optional.of(events.skippedStale(frame));
        }
    }

    /** A Frame record whose image does not decode: dead-lettered, and reported as undecodable. */
    record UndecodableImage(ConsumerRecord<String, byte[]> record, Frame frame, String reason)
            implements FrameOutcome {
        @Override
        public Optional<FaceDetections> event(FaceEvents events, Iterator<ExaminedFrame> detections) {
            return Optional.of(events.undecodable(frame));
        }

        @Override
        public Optional<String> deadLetterReason() {
            return Optional.of(reason);
        }
    }

    /** Bytes that are no Frame record: dead-lettered only, as there is no camera or sequence to report. */
    record NotAFrame(ConsumerRecord<String, byte[]> record, String reason) implements FrameOutcome {
        @Override
        public Optional<FaceDetections> event(FaceEvents events, Iterator<ExaminedFrame> detections) {
            return Optional.empty();
        }

        @Override
        public Optional<String> deadLetterReason() {
            return Optional.of(reason);
        }
    }
}
