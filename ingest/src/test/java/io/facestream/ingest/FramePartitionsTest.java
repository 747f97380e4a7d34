package io.facestream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupSubscription;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

class FramePartitionsTest {
    private static final int PARTITIONS = 6;
    private static final List<String> CAMERAS = List.of("door", "garage", "porch", "yard", "gate", "hall");

    @Test
    void eachOfFewCamerasGetsAPartitionOfItsOwn() {
        FramePartitions partitions = new FramePartitions(PARTITIONS);
        assertThat(CAMERAS.subList(0, 4).stream().map(partitions::choose).toList()).containsExactly(0, 1, 2, 3);
    }

    @Test
    void workersOfTheDetectorGroupGetCamerasWithinOneOfEachOther() {
        for (int cameras = 1; cameras <= PARTITIONS; cameras++) {
            FramePartitions partitions = new FramePartitions(PARTITIONS);
            List<Integer> chosen = CAMERAS.subList(0, cameras).stream().map(partitions::choose).toList();
            for (int workers = 1; workers <= cameras; workers++) {
                assertThat(spread(camerasPerWorker(chosen, workers)))
                        .as("%d cameras over %d workers", cameras, workers).isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void hashingTheCameraIdsLeavesAWorkerIdle() {
        // What the default partitioner did: the same four cameras, two of them on one partition.
        List<Integer> hashed = CAMERAS.subList(0, 4).stream()
                .map(id -> Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % PARTITIONS).toList();
        assertThat(spread(camerasPerWorker(hashed, 4))).isGreaterThan(1);
    }

    @Test
    void manyCamerasFillThePartitionsEvenly() {
        FramePartitions partitions = new FramePartitions(PARTITIONS);
        int[] perPartition = new int[PARTITIONS];
        IntStream.range(0, 20).forEach(n -> perPartition[partitions.choose("cam-" + n)]++);
        assertThat(perPartition).containsExactly(4, 4, 3, 3, 3, 3);
    }

    @Test
    void aCameraKeepsItsPartitionAndARemovedOnesPartitionTakesTheNextCamera() {
        FramePartitions partitions = new FramePartitions(PARTITIONS);
        CAMERAS.subList(0, 4).forEach(partitions::choose);
        partitions.forget("garage");

        assertThat(partitions.choose("door")).isEqualTo(0);
        assertThat(partitions.choose("yard")).isEqualTo(3);
        assertThat(partitions.choose("gate")).isEqualTo(1);
        assertThat(partitions.choose("hall")).isEqualTo(4);
    }

    @Test
    void partitionsReadFromOtherCamerasCountForTheChoice() {
        FramePartitions partitions = new FramePartitions(3);
        partitions.record("door", 0);
        partitions.record("garage", 1);
        assertThat(partitions.choose("porch")).isEqualTo(2);
        assertThat(partitions.choose("porch")).as("kept").isEqualTo(2);
    }

    @Test
    void aStampIsReadBackAndABadOneIsNone() {
        FramePartitions partitions = new FramePartitions(PARTITIONS);
        assertThat(partitions.stampOf(new RecordHeaders().add(FramePartitions.stamp(5)))).hasValue(5);
        assertThat(partitions.stampOf(new RecordHeaders())).isEmpty();
        assertThat(partitions.stampOf(new RecordHeaders().add(FramePartitions.stamp(PARTITIONS)))).isEmpty();
        assertThat(partitions.stampOf(new RecordHeaders().add(FramePartitions.HEADER, "two".getBytes()))).isEmpty();
    }

    /** Cameras per worker when a fresh group of {@code workers} detectors shares the partitions, as the workers do. */
    private static Collection<Integer> camerasPerWorker(List<Integer> cameraPartitions, int workers) {
        ConsumerPartitionAssignor assignor = new CooperativeStickyAssignor();
        Map<String, Subscription> members = new TreeMap<>();
        IntStream.range(0, workers).forEach(w -> members.put("worker-" + w, new Subscription(List.of("frames"))));
        List<PartitionInfo> partitions = new ArrayList<>();
        IntStream.range(0, PARTITIONS).forEach(p -> partitions.add(new PartitionInfo("frames", p, null, null, null)));
        Cluster cluster = new Cluster("test", List.of(), partitions, Set.of(), Set.of());

        Map<String, Integer> load = new HashMap<>();
        assignor.assign(cluster, new GroupSubscription(members)).groupAssignment().forEach((worker, assignment) -> {
            int cameras = 0;
            for (TopicPartition partition : assignment.partitions()) {
                cameras += (int) cameraPartitions.stream().filter(p -> p == partition.partition()).count();
            }
            load.put(worker, cameras);
        });
        return load.values();
    }

    private static int spread(Collection<Integer> load) {
        return load.stream().mapToInt(Integer::intValue).max().orElse(0)
                - load.stream().mapToInt(Integer::intValue).min().orElse(0);
    }
}
