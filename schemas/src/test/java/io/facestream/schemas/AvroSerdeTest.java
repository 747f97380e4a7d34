package io.facestream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facestream.schemas.avro.Alert;
import io.facestream.schemas.avro.AlertFace;
import io.facestream.schemas.avro.AlertRules;
import io.facestream.schemas.avro.AlertType;
import io.facestream.schemas.avro.AlertZone;
import io.facestream.schemas.avro.BoundingBox;
import io.facestream.schemas.avro.CameraConfig;
import io.facestream.schemas.avro.CameraState;
import io.facestream.schemas.avro.CameraStatus;
import io.facestream.schemas.avro.DetectedFace;
import io.facestream.schemas.avro.DetectionSettings;
import io.facestream.schemas.avro.DetectionStatus;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.schemas.avro.Frame;
import io.facestream.schemas.avro.FrameScan;
import io.facestream.schemas.avro.FrameEncoding;
import io.facestream.schemas.avro.Landmark;
import io.facestream.schemas.avro.LandmarkSet;
import io.facestream.schemas.avro.ZonePoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private static <T extends SpecificRecord> T roundTrip(Class<T> type, T record) {
        AvroSerde<T> serde = new AvroSerde<>(type);
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", record));
    }

    static FaceDetections detections() {
        List<Float> embedding = new ArrayList<>(Collections.nCopies(192, 0f));
        embedding.set(0, 1f);
        DetectedFace face = new DetectedFace(new BoundingBox(1f, 2f, 30f, 40f), 0.99f,
                Collections.nCopies(5, new Landmark(10f, 20f)), "1700000000000-0", embedding);
        return FaceDetections.newBuilder().setCameraId("door").setSequence(7).setCaptureTime(NOW)
                .setIngestTime(NOW).setDetectTime(NOW).setWidth(640).setHeight(480).setModel("mtcnn")
                .setProvider("cpu").setWorkerId("w1").setStatus(DetectionStatus.OK).setScan(FrameScan.TRACKED)
                .setFaces(List.of(face)).build();
    }

    private static Schema history(String file) {
        return AvroSerde.readSchema("/io/facestream/schemas/history/" + file);
    }

    /** An event of schema version {@code old} (v2 or later) from worker w1, with one face and its v2 fields. */
    private static GenericRecord oneFaceDetections(Schema old) {
        GenericRecord event = new GenericData.Record(old);
        event.put("cameraId", "door");
        event.put("sequence", 3L);
        event.put("captureTime", NOW.toEpochMilli());
        event.put("ingestTime", NOW.toEpochMilli());
        event.put("detectTime", NOW.toEpochMilli());
        event.put("width", 640);
        event.put("height", 480);
        event.put("model", "mtcnn");
        event.put("provider", "cpu");
        event.put("workerId", "w1");
        event.put("status", new GenericData.EnumSymbol(old.getField("status").schema(), "OK"));
        Schema faceSchema = old.getField("faces").schema().getElementType();
        GenericRecord box = new GenericData.Record(faceSchema.getField("box").schema());
        box.put("x1", 1f);
        box.put("y1", 2f);
        box.put("x2", 30f);
        box.put("y2", 40f);
        GenericRecord face = new GenericData.Record(faceSchema);
        face.put("box", box);
        face.put("score", 0.99f);
        face.put("landmarks", List.of());
        event.put("faces", List.of(face));
        return event;
    }

    /** {@code old} as a producer of its schema version wrote it. */
    private static byte[] written(GenericRecord old) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), old.getSchema()).encode(old, bytes);
        return bytes.toByteArray();
    }

    /** {@code record}, written with the current schema, as a reader of the earlier version {@code old} reads it. */
    private static <T extends SpecificRecord> GenericRecord readAs(Schema old, Class<T> type, T record)
            throws IOException {
        BinaryMessageDecoder<GenericRecord> oldReader = new BinaryMessageDecoder<>(GenericData.get(), old);
        oldReader.addSchema(record.getSchema());
        return oldReader.decode(new AvroSerde<>(type).serializer().serialize("t", record));
    }

    @Test
    void everyRecordTypeSurvivesARoundTrip() {
        Frame frame = Frame.newBuilder().setCameraId("door").setSequence(0).setCaptureTime(NOW).setIngestTime(NOW)
                .setWidth(2).setHeight(1).setEncoding(FrameEncoding.JPEG)
                .setData(ByteBuffer.wrap(new byte[] {1, 2, 3})).build();
        assertThat(roundTrip(Frame.class, frame)).isEqualTo(frame);
        assertThat(roundTrip(FaceDetections.class, detections())).isEqualTo(detections());
        CameraConfig camera = CameraConfig.newBuilder().setId("door").setUrl("rtsp://cam/1").build();
        assertThat(roundTrip(CameraConfig.class, camera)).isEqualTo(camera);
        assertThat(camera.getFps()).isEqualTo(5f);
        CameraStatus status = CameraStatus.newBuilder().setCameraId("door").setState(CameraState.STREAMING)
                .setTime(NOW).build();
        assertThat(roundTrip(CameraStatus.class, status)).isEqualTo(status);
        Alert alert = Alert.newBuilder().setAlertId("door/-/FACE_PRESENT/7").setCameraId("door")
                .setType(AlertType.FACE_PRESENT).setTime(NOW).setSequence(7L)
                .setBestFace(new AlertFace(7L, 0, 0.99f, 1f, 2f, 30f, 40f)).build();
        assertThat(roundTrip(Alert.class, alert)).isEqualTo(alert);
    }

    @Test
    void nullIsATombstone() {
        AvroSerde<CameraConfig> serde = new AvroSerde<>(CameraConfig.class);
        assertThat(serde.serializer().serialize("cameras", null)).isNull();
        assertThat(serde.deserializer().deserialize("cameras", null)).isNull();
    }

    @Test
    void recordWrittenWithThePreviousSchemaVersionIsReadWithDefaults() throws Exception {
        Schema v1 = history("FaceDetections-v1.avsc");
        GenericRecord old = new GenericData.Record(v1);
        old.put("cameraId", "door");
        old.put("sequence", 3L);
        old.put("captureTime", NOW.toEpochMilli());
        old.put("ingestTime", NOW.toEpochMilli());
        old.put("detectTime", NOW.toEpochMilli());
        old.put("width", 640);
        old.put("height", 480);
        old.put("status", new GenericData.EnumSymbol(v1.getField("status").schema(), "OK"));
        old.put("faces", List.of());

        FaceDetections read = new AvroSerde<>(FaceDetections.class).deserializer()
                .deserialize("faces", written(old));
        assertThat(read.getCameraId()).isEqualTo("door");
        assertThat(read.getSequence()).isEqualTo(3L);
        assertThat(read.getCaptureTime()).isEqualTo(NOW);
        assertThat(read.getModel()).isEqualTo("mtcnn");
        assertThat(read.getProvider()).isEqualTo("unknown");
        assertThat(read.getWorkerId()).isEmpty();
    }

    @Test
    void recordWrittenBeforeTrackingIsReadAsAFullScanWithoutTrackIds() throws Exception {
        GenericRecord old = oneFaceDetections(history("FaceDetections-v2.avsc"));

        FaceDetections read = new AvroSerde<>(FaceDetections.class).deserializer()
                .deserialize("faces", written(old));
        assertThat(read.getWorkerId()).isEqualTo("w1");
        assertThat(read.getScan()).isEqualTo(FrameScan.FULL);
        assertThat(read.getFaces()).hasSize(1);
        assertThat(read.getFaces().get(0).getScore()).isEqualTo(0.99f);
        assertThat(read.getFaces().get(0).getTrackId()).isNull();
    }

    @Test
    void recordOfTheCurrentVersionIsReadByAReaderOfThePreviousVersion() throws Exception {
        // A reader built before tracking that was given the current schema (the README's advice): it
        // resolves the current record into its own version and skips the fields it does not know.
        Schema v2 = history("FaceDetections-v2.avsc");
        SchemaStore.Cache known = new SchemaStore.Cache();
        known.addSchema(FaceDetections.getClassSchema());
        BinaryMessageDecoder<GenericRecord> oldReader = new BinaryMessageDecoder<>(GenericData.get(), v2, known);
        byte[] current = new AvroSerde<>(FaceDetections.class).serializer().serialize("faces", detections());

        GenericRecord read = oldReader.decode(current);
        assertThat(read.getSchema()).isEqualTo(v2);
        assertThat(read.get("cameraId")).hasToString("door");
        assertThat(read.get("sequence")).isEqualTo(7L);
        assertThat(read.get("status")).hasToString("OK");
        GenericRecord face = (GenericRecord) ((List<?>) read.get("faces")).get(0);
        assertThat(face.get("score")).isEqualTo(0.99f);
        assertThat(((GenericRecord) face.get("box")).get("x2")).isEqualTo(30f);
        assertThat((List<?>) face.get("landmarks")).hasSize(5);
    }

    @Test
    void recordWrittenBeforeEmbeddingsIsReadWithoutThem() throws Exception {
        Schema v3 = history("FaceDetections-v3.avsc");
        GenericRecord old = oneFaceDetections(v3);
        old.put("scan", new GenericData.EnumSymbol(v3.getField("scan").schema(), "TRACKED"));
        ((GenericRecord) ((List<?>) old.get("faces")).get(0)).put("trackId", "t1");

        FaceDetections read = new AvroSerde<>(FaceDetections.class).deserializer()
                .deserialize("faces", written(old));
        assertThat(read.getScan()).isEqualTo(FrameScan.TRACKED);
        assertThat(read.getFaces().get(0).getTrackId()).isEqualTo("t1");
        assertThat(read.getFaces().get(0).getEmbedding()).isNull();
    }

    @Test
    void recordWithEmbeddingsIsReadByAReaderOfTheVersionBefore() throws Exception {
        GenericRecord read = readAs(history("FaceDetections-v3.avsc"), FaceDetections.class, detections());

        GenericRecord face = (GenericRecord) ((List<?>) read.get("faces")).get(0);
        assertThat(face.get("trackId")).hasToString("1700000000000-0");
        assertThat(face.get("score")).isEqualTo(0.99f);
        assertThat(face.getSchema().getField("embedding")).isNull();
    }

    @Test
    void recordWrittenBeforeLandmarkSetsHoldsTheFivePoints() throws Exception {
        Schema v4 = history("FaceDetections-v4.avsc");
        GenericRecord old = oneFaceDetections(v4);
        old.put("scan", new GenericData.EnumSymbol(v4.getField("scan").schema(), "FULL"));

        FaceDetections read = new AvroSerde<>(FaceDetections.class).deserializer().deserialize("faces", written(old));
        assertThat(read.getLandmarkSet()).isEqualTo(LandmarkSet.FIVE_POINT);
        assertThat(read.getFaces()).hasSize(1);
    }

    @Test
    void recordWithBlazeFaceKeypointsIsReadByAReaderOfTheVersionBefore() throws Exception {
        DetectedFace face = detections().getFaces().get(0);
        face.setLandmarks(Collections.nCopies(6, new Landmark(10f, 20f)));
        FaceDetections blazeFace = FaceDetections.newBuilder(detections()).setModel("blazeface")
                .setLandmarkSet(LandmarkSet.BLAZEFACE_SIX).setFaces(List.of(face)).build();

        assertThat(roundTrip(FaceDetections.class, blazeFace).getLandmarkSet()).isEqualTo(LandmarkSet.BLAZEFACE_SIX);
        GenericRecord read = readAs(history("FaceDetections-v4.avsc"), FaceDetections.class, blazeFace);
        assertThat(read.get("model")).hasToString("blazeface");
        assertThat(read.getSchema().getField("landmarkSet")).isNull();
        assertThat((List<?>) ((GenericRecord) ((List<?>) read.get("faces")).get(0)).get("landmarks")).hasSize(6);
    }

    @Test
    void cameraConfigWrittenBeforeAlertRulesIsReadWithoutThem() throws Exception {
        Schema v1 = history("CameraConfig-v1.avsc");
        GenericRecord old = new GenericData.Record(v1);
        old.put("id", "door");
        old.put("url", "rtsp://cam/1");
        old.put("fps", 2.5f);
        old.put("maxWidth", null);
        old.put("maxHeight", 720);
        old.put("jpegQuality", 90);
        old.put("loop", false);
        old.put("stallTimeoutMillis", 5000L);
        old.put("enabled", true);

        CameraConfig read = new AvroSerde<>(CameraConfig.class).deserializer().deserialize("cameras", written(old));
        assertThat(read.getId()).isEqualTo("door");
        assertThat(read.getFps()).isEqualTo(2.5f);
        assertThat(read.getMaxHeight()).isEqualTo(720);
        assertThat(read.getAlerts()).isNull();
    }

    @Test
    void cameraConfigWrittenBeforeTheTransportIsReadAsAuto() throws Exception {
        Schema v2 = history("CameraConfig-v2.avsc");
        GenericRecord old = new GenericData.Record(v2);
        old.put("id", "door");
        old.put("url", "rtsp://cam/1");
        old.put("fps", 5f);
        old.put("jpegQuality", 85);
        old.put("loop", false);
        old.put("stallTimeoutMillis", 4000L);
        old.put("enabled", false);

        CameraConfig read = new AvroSerde<>(CameraConfig.class).deserializer().deserialize("cameras", written(old));
        assertThat(read.getStallTimeoutMillis()).isEqualTo(4000L);
        assertThat(read.getEnabled()).isFalse();
        assertThat(read.getTransport()).isEqualTo("auto");
    }

    @Test
    void cameraConfigWithATransportIsReadByTheReaderBeforeIt() throws Exception {
        CameraConfig camera = CameraConfig.newBuilder().setId("door").setUrl("rtsp://cam/1")
                .setTransport("udp").setStallTimeoutMillis(3000L).build();
        assertThat(roundTrip(CameraConfig.class, camera).getTransport()).isEqualTo("udp");

        Schema v2 = history("CameraConfig-v2.avsc");
        GenericRecord read = readAs(v2, CameraConfig.class, camera);
        assertThat(read.get("url")).hasToString("rtsp://cam/1");
        assertThat(read.get("stallTimeoutMillis")).isEqualTo(3000L);
        assertThat(read.getSchema().getField("transport")).isNull();
    }

    @Test
    void cameraConfigWrittenBeforeDetectionSettingsIsReadWithTheWorkersDefaultsAndAlertsPerZone() throws Exception {
        Schema v3 = history("CameraConfig-v3.avsc");
        GenericRecord old = new GenericData.Record(v3);
        old.put("id", "door");
        old.put("url", "rtsp://cam/1");
        old.put("fps", 5f);
        old.put("jpegQuality", 85);
        old.put("loop", false);
        old.put("stallTimeoutMillis", 4000L);
        old.put("transport", "tcp");
        old.put("enabled", true);
        Schema rulesSchema = v3.getField("alerts").schema().getTypes().get(1);
        GenericRecord rules = new GenericData.Record(rulesSchema);
        rules.put("presentFrames", 2);
        rules.put("cameraDown", false);
        rules.put("zones", List.of());
        old.put("alerts", rules);

        CameraConfig read = new AvroSerde<>(CameraConfig.class).deserializer().deserialize("cameras", written(old));
        assertThat(read.getTransport()).isEqualTo("tcp");
        assertThat(read.getAlerts().getPresentFrames()).isEqualTo(2);
        assertThat(read.getAlerts().getPerPerson()).isFalse();
        assertThat(read.getDetection()).isNull();
    }

    @Test
    void cameraConfigWithDetectionSettingsIsReadByTheReaderBeforeThem() throws Exception {
        DetectionSettings detection = DetectionSettings.newBuilder().setMinFaceSize(60).setTracking(false)
                .setRegion(List.of(new ZonePoint(0.2f, 0f), new ZonePoint(0.8f, 0f), new ZonePoint(0.8f, 1f))).build();
        CameraConfig camera = CameraConfig.newBuilder().setId("door").setUrl("rtsp://cam/1").setDetection(detection)
                .setAlerts(AlertRules.newBuilder().setPerPerson(true).setPresentFrames(3).build()).build();
        assertThat(roundTrip(CameraConfig.class, camera)).isEqualTo(camera);

        Schema v3 = history("CameraConfig-v3.avsc");
        GenericRecord read = readAs(v3, CameraConfig.class, camera);
        assertThat(read.get("url")).hasToString("rtsp://cam/1");
        assertThat(((GenericRecord) read.get("alerts")).get("presentFrames")).isEqualTo(3);
        assertThat(read.getSchema().getField("detection")).isNull();
    }

    @Test
    void cameraConfigWrittenBeforeRecognitionIsReadWithTheDefaultsForWhomToNotifyAndEmbeddings() throws Exception {
        Schema v4 = history("CameraConfig-v4.avsc");
        CameraConfig current = CameraConfig.newBuilder().setId("door").setUrl("rtsp://cam/1")
                .setAlerts(AlertRules.newBuilder().setPerPerson(true).build())
                .setDetection(DetectionSettings.newBuilder().setTracking(true).build()).build();
        GenericRecord old = readAs(v4, CameraConfig.class, current); // the same camera as a v4 writer holds it

        CameraConfig read = new AvroSerde<>(CameraConfig.class).deserializer().deserialize("cameras", written(old));
        assertThat(read.getAlerts().getPerPerson()).isTrue();
        assertThat(read.getAlerts().getNotify()).isNull();
        assertThat(read.getDetection().getTracking()).isTrue();
        assertThat(read.getDetection().getEmbeddings()).isNull();
    }

    @Test
    void cameraConfigWithWhomToNotifyAndNoEmbeddingsIsReadByTheReaderBefore() throws Exception {
        CameraConfig camera = CameraConfig.newBuilder().setId("door").setUrl("rtsp://cam/1")
                .setAlerts(AlertRules.newBuilder().setNotify("unknown").setPresentFrames(2).build())
                .setDetection(DetectionSettings.newBuilder().setEmbeddings(false).build()).build();
        assertThat(roundTrip(CameraConfig.class, camera)).isEqualTo(camera);

        GenericRecord read = readAs(history("CameraConfig-v4.avsc"), CameraConfig.class, camera);
        GenericRecord alerts = (GenericRecord) read.get("alerts");
        assertThat(alerts.get("presentFrames")).isEqualTo(2);
        assertThat(alerts.getSchema().getField("notify")).isNull();
        assertThat(((GenericRecord) read.get("detection")).getSchema().getField("embeddings")).isNull();
    }

    @Test
    void cameraConfigWrittenBeforeTheDetectorChoiceIsReadWithTheWorkersModel() throws Exception {
        CameraConfig current = CameraConfig.newBuilder().setId("door").setUrl("rtsp://cam/1")
                .setDetection(DetectionSettings.newBuilder().setMinFaceSize(60).setEmbeddings(false).build()).build();
        GenericRecord old = readAs(history("CameraConfig-v5.avsc"), CameraConfig.class, current);

        CameraConfig read = new AvroSerde<>(CameraConfig.class).deserializer().deserialize("cameras", written(old));
        assertThat(read.getDetection().getMinFaceSize()).isEqualTo(60);
        assertThat(read.getDetection().getEmbeddings()).isFalse();
        assertThat(read.getDetection().getModel()).isNull();
    }

    @Test
    void cameraConfigWithADetectorIsReadByTheReaderBefore() throws Exception {
        CameraConfig camera = CameraConfig.newBuilder().setId("door").setUrl("rtsp://cam/1")
                .setDetection(DetectionSettings.newBuilder().setMinFaceSize(60).setModel("blazeface+onet").build())
                .build();
        assertThat(roundTrip(CameraConfig.class, camera)).isEqualTo(camera);

        GenericRecord detection = (GenericRecord) readAs(history("CameraConfig-v5.avsc"), CameraConfig.class, camera)
                .get("detection");
        assertThat(detection.get("minFaceSize")).isEqualTo(60);
        assertThat(detection.getSchema().getField("model")).isNull();
    }

    @Test
    void cameraConfigWithAlertRulesSurvivesARoundTrip() {
        AlertRules rules = AlertRules.newBuilder().setMinScore(0.95f).setPresentFrames(2)
                .setZones(List.of(new AlertZone("door", List.of(new ZonePoint(0.1f, 0.1f), new ZonePoint(0.5f, 0.1f),
                        new ZonePoint(0.5f, 0.9f))))).build();
        CameraConfig camera = CameraConfig.newBuilder().setId("door").setUrl("rtsp://cam/1").setAlerts(rules).build();

        CameraConfig read = roundTrip(CameraConfig.class, camera);
        assertThat(read).isEqualTo(camera);
        assertThat(read.getAlerts().getWindowFrames()).isNull();
        assertThat(read.getAlerts().getCameraDown()).isTrue();
    }

    @Test
    void alertWrittenBeforeTrackIdsIsReadAsTheZonesSharedEpisode() throws Exception {
        Schema v1 = history("Alert-v1.avsc");
        GenericRecord old = new GenericData.Record(v1);
        old.put("alertId", "door/-/FACE_PRESENT/7/1700000000000/1000-0");
        old.put("cameraId", "door");
        old.put("type", new GenericData.EnumSymbol(v1.getField("type").schema(), "FACE_PRESENT"));
        old.put("time", NOW.toEpochMilli());
        old.put("sequence", 9L);

        Alert read = new AvroSerde<>(Alert.class).deserializer().deserialize("alerts", written(old));
        assertThat(read.getAlertId()).isEqualTo("door/-/FACE_PRESENT/7/1700000000000/1000-0");
        assertThat(read.getType()).isEqualTo(AlertType.FACE_PRESENT);
        assertThat(read.getTime()).isEqualTo(NOW);
        assertThat(read.getSequence()).isEqualTo(9L);
        assertThat(read.getTrackId()).isNull();
    }

    @Test
    void alertWithATrackIdIsReadByTheReaderBeforeIt() throws Exception {
        Alert alert = Alert.newBuilder().setAlertId("door/-/FACE_PRESENT/7/1700000000000/1000-0").setCameraId("door")
                .setType(AlertType.FACE_PRESENT).setTime(NOW).setSequence(9L)
                .setBestFace(new AlertFace(8L, 1, 0.97f, 1f, 2f, 30f, 40f)).setTrackId("1000-0").build();
        assertThat(roundTrip(Alert.class, alert).getTrackId()).isEqualTo("1000-0");

        Schema v1 = history("Alert-v1.avsc");
        GenericRecord read = readAs(v1, Alert.class, alert);
        assertThat(read.get("alertId")).hasToString("door/-/FACE_PRESENT/7/1700000000000/1000-0");
        assertThat(read.get("type")).hasToString("FACE_PRESENT");
        assertThat(((GenericRecord) read.get("bestFace")).get("faceIndex")).isEqualTo(1);
        assertThat(read.getSchema().getField("trackId")).isNull();
    }

    @Test
    void alertWrittenBeforeRecognitionIsReadAsOfNobodyKnown() throws Exception {
        Schema v2 = history("Alert-v2.avsc");
        GenericRecord old = new GenericData.Record(v2);
        old.put("alertId", "door/-/FACE_PRESENT/7/1700000000000/1000-0");
        old.put("cameraId", "door");
        old.put("type", new GenericData.EnumSymbol(v2.getField("type").schema(), "FACE_PRESENT"));
        old.put("time", NOW.toEpochMilli());
        old.put("trackId", "1000-0");

        Alert read = new AvroSerde<>(Alert.class).deserializer().deserialize("alerts", written(old));
        assertThat(read.getTrackId()).isEqualTo("1000-0");
        assertThat(read.getPersonId()).isNull();
        assertThat(read.getPerson()).isNull();
        assertThat(read.getSimilarity()).isNull();
    }

    @Test
    void alertWithAPersonIsReadByTheReaderBeforeRecognition() throws Exception {
        Alert alert = Alert.newBuilder().setAlertId("door/-/FACE_PRESENT/7/1700000000000/1000-0").setCameraId("door")
                .setType(AlertType.FACE_PRESENT).setTime(NOW).setTrackId("1000-0").setPersonId(12L)
                .setPerson("Ada").setSimilarity(0.81f).build();
        assertThat(roundTrip(Alert.class, alert)).isEqualTo(alert);

        GenericRecord read = readAs(history("Alert-v2.avsc"), Alert.class, alert);
        assertThat(read.get("trackId")).hasToString("1000-0");
        assertThat(read.getSchema().getField("person")).isNull();
        assertThat(read.getSchema().getField("similarity")).isNull();
    }

    @Test
    void unknownFingerprintIsAClearError() {
        byte[] bytes = new AvroSerde<>(CameraConfig.class).serializer()
                .serialize("cameras", CameraConfig.newBuilder().setId("a").setUrl("x").build());
        assertThatThrownBy(() -> new AvroSerde<>(FaceDetections.class).deserializer().deserialize("faces", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("faces: unknown schema fingerprint for FaceDetections");
    }

    @Test
    void garbageIsAClearError() {
        AvroSerde<Frame> serde = new AvroSerde<>(Frame.class);
        assertThatThrownBy(() -> serde.deserializer().deserialize("frames", "hello, world".getBytes()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("frames: not Avro single-object encoding");
        byte[] truncated = Arrays.copyOf(serde.serializer().serialize("frames",
                Frame.newBuilder().setCameraId("door").setSequence(0).setCaptureTime(NOW).setIngestTime(NOW)
                        .setWidth(2).setHeight(1).setEncoding(FrameEncoding.JPEG)
                        .setData(ByteBuffer.wrap(new byte[100])).build()), 20);
        assertThatThrownBy(() -> serde.deserializer().deserialize("frames", truncated))
                .isInstanceOf(SerializationException.class).hasMessageContaining("frames: corrupt Frame record");
    }

    @Test
    void anyDamageToARecordIsASerializationExceptionAndNothingElse() {
        AvroSerde<FaceDetections> serde = new AvroSerde<>(FaceDetections.class);
        byte[] good = serde.serializer().serialize("faces", detections());
        Random random = new Random(42);
        for (int i = 0; i < 2_000; i++) {
            byte[] damaged = Arrays.copyOf(good, 1 + random.nextInt(good.length + 8));
            // Keep the header (marker and fingerprint) so the body, not the header check, gets the damage.
            for (int j = 10; j < damaged.length; j++) {
                if (random.nextInt(4) == 0) {
                    damaged[j] = (byte) random.nextInt(256);
                }
            }
            try {
                serde.deserializer().deserialize("faces", damaged);
            } catch (SerializationException expected) {
                assertThat(expected).hasMessageStartingWith("faces: ");
            }
        }
        assertThatThrownBy(() -> serde.deserializer().deserialize("faces", new byte[0]))
                .isInstanceOf(SerializationException.class).hasMessageContaining("not Avro single-object encoding");
    }
}
