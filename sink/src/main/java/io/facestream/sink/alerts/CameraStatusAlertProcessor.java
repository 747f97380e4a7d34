package io.facestream.sink.alerts;

import io.facestream.schemas.CameraUrls;
import io.facestream.schemas.avro.Alert;
import io.facestream.schemas.avro.AlertType;
import io.facestream.schemas.avro.CameraStatus;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Camera status in, CAMERA_DOWN and CAMERA_UP alerts out: one CAMERA_DOWN when a camera goes DOWN (ingest repeats the
 * status while it stays down), one CAMERA_UP when it streams again. A STOPPED camera (removed, disabled, handed to
 * another ingest instance) is forgotten without an alert.
 */
final class CameraStatusAlertProcessor implements Processor<String, CameraStatus, String, Alert> {
    private static final String DOWN = "DOWN";
    private static final String UP = "UP";

    private final AlertRule defaults;
    private final AlertMetrics metrics;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, String> states;
    private CameraRules rules;

    CameraStatusAlertProcessor(AlertRule defaults, AlertMetrics metrics) {
        this.defaults = defaults;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.states = context.getStateStore(AlertTopology.CAMERA_STATES);
        this.rules = new CameraRules(context.getStateStore(AlertTopology.CAMERA_RULES), defaults);
    }

    @Override
    public void process(Record<String, CameraStatus> record) {
        CameraStatus status = record.value();
        if (status == null) {
            return;
        }
        String camera = status.getCameraId();
        String previous = states.get(camera);
        switch (status.getState()) {
            case DOWN -> {
                if (!DOWN.equals(previous)) {
                    states.put(camera, DOWN);
                    raise(status, AlertType.CAMERA_DOWN);
                }
            }
            case STREAMING -> {
                if (!UP.equals(previous)) {
                    states.put(camera, UP);
                    if (DOWN.equals(previous)) {
                        raise(status, AlertType.CAMERA_UP);
                    }
                }
            }
            case STOPPED -> states.delete(camera);
            case CONNECTING -> {
                // Neither down nor up yet: a camera that fails to connect reports DOWN.
            }
        }
    }

    private void raise(CameraStatus status, AlertType type) {
        if (!rules.forCamera(status.getCameraId()).cameraDown()) {
            return;
        }
        long time = status.getTime().toEpochMilli();
        Alert alert = Alert.newBuilder().setAlertId(AlertIds.ofCameraStatus(status.getCameraId(), type, time))
                .setCameraId(status.getCameraId()).setType(type).setTime(status.getTime())
                .setReason(type == AlertType.CAMERA_DOWN ? CameraUrls.redact(status.getReason()) : null).build();
        context.forward(new Record<>(status.getCameraId(), alert, time));
        metrics.raised(type);
    }
}
