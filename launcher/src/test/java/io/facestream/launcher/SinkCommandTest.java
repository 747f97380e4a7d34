package io.facestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SinkCommandTest {

    @Test
    void aBlankOrShortTokenEndsTheSinkWithOneLineNamingTheVariable() {
        for (String token : new String[] {"   ", "short"}) {
            SinkCommand sink = new SinkCommand();
            sink.environment = Map.of("SINK_API_TOKEN", token);
            StringWriter err = new StringWriter();
            int exit = new CommandLine(sink).setErr(new PrintWriter(err, true)).execute();

            assertThat(exit).as("'" + token + "'").isEqualTo(2);
            assertThat(err.toString().strip()).as("'" + token + "'").startsWith("sink: SINK_API_TOKEN ")
                    .doesNotContain("\n", "Exception", "short");
        }
    }
}
