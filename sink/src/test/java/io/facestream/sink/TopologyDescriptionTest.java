package io.facestream.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.facestream.sink.crops.CropStore;
import io.facestream.sink.crops.FaceCrops;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README shows the sink's Kafka Streams topology as {@code Topology#describe} prints it: this keeps it true. */
class TopologyDescriptionTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Pattern BLOCK = Pattern.compile(
            "### The sink's Kafka Streams topology\\n.*?```text\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path dataDir;

    @Test
    void theReadmeShowsTheTopologyAsItIs() throws IOException {
        String described = SinkTopology.buildTopology(new FaceCrops(CropStore.inDataDir(dataDir)),
                new SimpleMeterRegistry()).describe().toString();

        Matcher readme = BLOCK.matcher(Files.readString(README));
        assertThat(readme.find()).as("a ```text block under \"### The sink's Kafka Streams topology\" in README.md")
                .isTrue();
        assertThat(inSteadyOrder(readme.group(1))).isEqualTo(inSteadyOrder(described));
    }

    /** The description lists a node's neighbours in no fixed order (it varies between runs): sorted here. */
    private static String inSteadyOrder(String description) {
        return Pattern.compile("(--> |<-- )(.*)").matcher(description.strip()).replaceAll(line ->
                line.group(1) + Arrays.stream(line.group(2).split(", ")).sorted().collect(Collectors.joining(", ")));
    }
}
