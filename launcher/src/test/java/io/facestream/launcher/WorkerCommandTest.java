package io.facestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class WorkerCommandTest {

    @Test
    void aBadSettingEndsTheWorkerWithOneLineNamingTheVariable() {
        WorkerCommand worker = new WorkerCommand();
        worker.environment = Map.of("WORKER_MAX_BATCH", "lots");
        StringWriter err = new StringWriter();
        int exit = new CommandLine(worker).setErr(new PrintWriter(err, true)).execute();

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("worker: WORKER_MAX_BATCH ").doesNotContain("\n", "Exception");
    }
}
