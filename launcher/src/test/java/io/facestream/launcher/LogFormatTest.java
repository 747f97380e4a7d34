package io.facestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.MDC;

/** The launcher's logback.xml: readable lines by default, one JSON object per line with LOG_FORMAT=json. */
class LogFormatTest {

    @Test
    void jsonFormatWritesOneObjectPerLineWithTheCameraAndSequence() throws Exception {
        String out = logWith("json");
        JsonNode line = new ObjectMapper().readTree(out.lines().findFirst().orElseThrow());
        assertThat(line.get("level").asText()).isEqualTo("WARN");
        assertThat(line.get("loggerName").asText()).isEqualTo("io.facestream.test");
        assertThat(line.get("formattedMessage").asText()).isEqualTo("camera door: frame 42 not delivered");
        assertThat(line.at("/mdc/camera").asText()).isEqualTo("door");
        assertThat(line.at("/mdc/sequence").asText()).isEqualTo("42");
    }

    @Test
    void textFormatIsTheDefault() throws Exception {
        assertThat(logWith(null)).contains("WARN  test - camera door: frame 42 not delivered").doesNotContain("{");
    }

    @Test
    void everyFormatNamesAnAppender() throws Exception {
        for (String format : LogSettings.FORMATS) {
            assertThat(logWith(format)).as(format).contains("frame 42 not delivered");
        }
    }

    private static String logWith(String format) throws Exception {
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter());
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            if (format != null) {
                context.putProperty("LOG_FORMAT", format);
            }
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(FaceStream.class.getResource("/logback.xml"));
            Logger log = context.getLogger("io.facestream.test");
            try (MDC.MDCCloseable camera = MDC.putCloseable("camera", "door");
                 MDC.MDCCloseable sequence = MDC.putCloseable("sequence", "42")) {
                log.warn("camera {}: frame {} not delivered", "door", 42);
            }
        } finally {
            context.stop();
            System.setErr(stderr);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
