package io.facestream.worker;

import io.facestream.schemas.AvroSerde;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.schemas.avro.Frame;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/** How the worker reads frames and writes face events. */
record FrameCodec(Deserializer<Frame> frames, Serializer<FaceDetections> events) {

    static FrameCodec avro() {
        return new FrameCodec(new AvroSerde<>(Frame.class).deserializer(),
                new AvroSerde<>(FaceDetections.class).serializer());
    }
}
