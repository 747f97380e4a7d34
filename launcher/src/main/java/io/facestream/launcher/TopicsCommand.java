package io.facestream.launcher;

import io.facestream.schemas.KafkaSettings;
import io.facestream.schemas.Topics;
import io.facestream.schemas.Topics.TopicSpec;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code face-stream topics}: creates the pipeline's topics on a Kafka cluster with their partitions and
 * settings (those that exist are left as they are). Deployments run it once before the services start.
 */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = {"Creates the pipeline's topics (frames, faces, cameras, camera-status, alerts and the "
                + "dead-letter topics) with their settings, on the cluster of KAFKA_BOOTSTRAP_SERVERS "
                + "(KAFKA_CLIENT_* as for every service). Topics that exist are left unchanged."})
final class TopicsCommand implements Callable<Integer> {

    @Option(names = "--partitions", paramLabel = "N", description = "Partitions of frames and faces: the most "
            + "detector workers that can share the load (default: ${DEFAULT-VALUE}).")
    int partitions = Topics.DEFAULT_PARTITIONS;

    @Option(names = "--replication-factor", paramLabel = "N", description = "Copies of each partition; 3 on a "
            + "production cluster (default: ${DEFAULT-VALUE}).")
    short replicationFactor = 1;

    @Override
    public Integer call() throws Exception {
        List<String> created = create(KafkaSettings.fromEnvironment(), Topics.specs(partitions), replicationFactor);
        System.out.println(created.isEmpty() ? "all topics exist" : "created " + String.join(", ", created));
        return 0;
    }

    /** Creates the topics of {@code specs} that do not exist yet; returns their names. */
    static List<String> create(KafkaSettings kafka, List<TopicSpec> specs, short replicationFactor) throws Exception {
        try (Admin admin = Admin.create(kafka.adminConfig())) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = specs.stream().filter(spec -> !existing.contains(spec.name()))
                    .map(spec -> new NewTopic(spec.name(), spec.partitions(), replicationFactor).configs(spec.configs()))
                    .toList();
            admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            return missing.stream().map(NewTopic::name).toList();
        }
    }
}
