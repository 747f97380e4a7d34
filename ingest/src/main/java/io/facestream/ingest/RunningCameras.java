package io.facestream.ingest;

import io.facestream.schemas.avro.CameraState;
import io.facestream.schemas.avro.Frame;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;

/** The cameras this instance runs, by id: started, restarted on a changed config, stopped. */
final class RunningCameras {
    private final IngestConfig config;
    private final Producer<String, Frame> frames;
    private final StatusReporter status;
    private final MeterRegistry registry;
    private final Map<String, RunningCamera> cameras = new ConcurrentHashMap<>();

    RunningCameras(IngestConfig config, Producer<String, Frame> frames, StatusReporter status, MeterRegistry registry) {
        this.config = config;
        this.frames = frames;
        this.status = status;
        this.registry = registry;
    }

    /**
     * Makes the running set match {@code wanted}: new cameras start, sending to their partition of
     * {@code framesPartitions}, changed ones restart (not for a change of alert rules alone), others stop. A running
     * camera keeps its partition: its frames in flight stay in order.
     */
    void runExactly(Collection<Camera> wanted, Map<String, Integer> framesPartitions, String whyOthersStop)
            throws InterruptedException {
        Map<String, Camera> byId = new ConcurrentHashMap<>();
        wanted.stream().filter(Camera::enabled).forEach(camera -> byId.put(camera.id(), camera));
        List<String> toStop = new ArrayList<>();
        cameras.forEach((id, running) -> {
            Camera next = byId.get(id);
            if (next == null || !next.sameStreamAs(running.camera())) {
                toStop.add(id);
            }
        });
        stop(toStop, id -> wantedButDisabled(wanted, id) ? "disabled"
                : byId.containsKey(id) ? "configuration changed" : whyOthersStop);
        byId.values().forEach(camera -> cameras.computeIfAbsent(camera.id(),
                id -> start(camera, framesPartitions.get(id))));
    }

    /** Stops the given cameras together, each reported STOPPED with its reason. */
    void stop(Collection<String> ids, Function<String, String> why) throws InterruptedException {
        List<RunningCamera> stopping = new ArrayList<>();
        for (String id : ids) {
            RunningCamera camera = cameras.remove(id);
            if (camera != null) {
                camera.signalStop();
                stopping.add(camera);
            }
        }
        for (RunningCamera camera : stopping) {
            camera.awaitStopped(why.apply(camera.camera().id()));
        }
    }

    void stopAll(String why) throws InterruptedException {
        stop(List.copyOf(cameras.keySet()), id -> why);
    }

    void reportAll() {
        cameras.values().forEach(RunningCamera::reportStatus);
    }

    Set<String> ids() {
        return new TreeSet<>(cameras.keySet());
    }

    Map<String, CameraState> states() {
        Map<String, CameraState> states = new TreeMap<>();
        cameras.forEach((id, camera) -> states.put(id, camera.state()));
        return states;
    }

    private RunningCamera start(Camera camera, int framesPartition) {
        RunningCamera running = new RunningCamera(camera, framesPartition, config, frames, status, registry);
        running.start();
        return running;
    }

    private static boolean wantedButDisabled(Collection<Camera> wanted, String id) {
        return wanted.stream().anyMatch(camera -> camera.id().equals(id) && !camera.enabled());
    }
}
