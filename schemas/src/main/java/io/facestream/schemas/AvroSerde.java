package io.facestream.schemas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for a generated Avro record, in Avro's single-object encoding: each value carries its
 * schema's fingerprint, so no schema registry is needed, and values written with an earlier version
 * of the schema (kept under {@code history/}) are read into the current one. A null value is a
 * tombstone.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {
    static {
        // Avro refuses to instantiate classes it was not told to trust; ours are the generated records.
        ClassSecurityValidator.ClassSecurityPredicate ours =
                type -> type.getName().startsWith("io.facestream.schemas.avro.");
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), ours));
    }

    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;
    private final String recordName;

    public AvroSerde(Class<T> type) {
        SpecificData model = SpecificData.getForClass(type);
        Schema schema = model.getSchema(type);
        this.recordName = schema.getName();
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        SchemaStore.Cache history = new SchemaStore.Cache();
        SchemaHistory.earlierVersions(schema).forEach(history::addSchema);
        this.decoder = new BinaryMessageDecoder<>(model, schema, history);
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, record) -> record == null ? null : encode(record);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(topic, bytes);
    }

    private byte[] encode(T record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try {
            encoder.encode(record, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private T decode(String topic, byte[] bytes) {
        try {
            return decoder.decode(bytes);
        } catch (MissingSchemaException e) {
            throw new SerializationException(topic + ": unknown schema fingerprint for " + recordName
                    + " (written by a newer version of face-stream?)", e);
        } catch (BadHeaderException e) {
            throw new SerializationException(topic + ": not Avro single-object encoding (" + e.getMessage() + ")", e);
        } catch (IOException | RuntimeException e) {
            // Avro reports corrupt bodies through many exception types; the caller (a DLQ, a log) needs just one.
            throw new SerializationException(topic + ": corrupt " + recordName + " record (" + e + ")", e);
        }
    }

    /** Reads a schema from the class path, for tests of schema evolution. */
    static Schema readSchema(String resource) {
        try (InputStream in = AvroSerde.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no schema resource " + resource);
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
