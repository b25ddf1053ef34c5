package dev.tasklog.agent.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void secondsWithThreeDecimalsRoundedHalfUp() {
        assertThat(Durations.seconds(0)).isEqualTo("0.000s");
        assertThat(Durations.seconds(499_999)).isEqualTo("0.000s");
        assertThat(Durations.seconds(500_000)).isEqualTo("0.001s");
        assertThat(Durations.seconds(50_000_000)).isEqualTo("0.050s");
        assertThat(Durations.seconds(1_999_500_000L)).isEqualTo("2.000s");
        assertThat(Durations.seconds(12_345_678_901L)).isEqualTo("12.346s");
        assertThat(Durations.seconds(86_400_000_000_000L)).isEqualTo("86400.000s");
        assertThat(Durations.seconds(Long.MAX_VALUE)).isEqualTo("9223372036.855s");
    }

    @Test
    void unknownIsNotAvailable() {
        assertThat(Durations.seconds(-1)).isEqualTo("n/a");
    }

    @Test
    void agreesWithTheFormatterItReplaces() {
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            long nanos = i < 50_000 ? random.nextInt(1 << 30) : Math.abs(random.nextLong() % 100_000_000_000L);
            assertThat(Durations.seconds(nanos))
                    .as("%d ns", nanos)
                    .isEqualTo(String.format(Locale.ROOT, "%.3fs", nanos / 1e9));
        }
    }
}
