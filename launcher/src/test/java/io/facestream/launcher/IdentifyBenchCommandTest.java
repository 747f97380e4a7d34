package io.facestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code bench identify} on the real sample videos and photos: identify's default threshold parts the two kinds of pair. */
class IdentifyBenchCommandTest {
    private static final Pattern DISTRIBUTION = Pattern.compile(
            "(same person|different people) +(\\d+) pairs: min (-?[\\d.]+) .* max (-?[\\d.]+)");

    @Test
    void everySamePersonPairIsAboveTheThresholdAndEveryDifferentPeoplePairBelow() {
        DetectCommandTest.Run run = DetectCommandTest.run("bench", "identify");

        assertThat(run.exitCode()).as(run.err()).isZero();
        double samePersonMin = Double.NaN;
        double differentPeopleMax = Double.NaN;
        for (String line : run.out().lines().toList()) {
            Matcher m = DISTRIBUTION.matcher(line);
            if (m.find()) {
                assertThat(Integer.parseInt(m.group(2))).as(line).isGreaterThan(1000);
                if (m.group(1).equals("same person")) {
                    samePersonMin = Double.parseDouble(m.group(3));
                } else {
                    differentPeopleMax = Double.parseDouble(m.group(4));
                }
            }
        }
        float threshold = new IdentifyCommand().threshold;
        assertThat(samePersonMin).as(run.out()).isGreaterThan(threshold);
        assertThat(differentPeopleMax).as(run.out()).isLessThan(threshold);
        assertThat(run.out()).contains("embedding:").contains("matching one face against 10,000 people");
    }
}
