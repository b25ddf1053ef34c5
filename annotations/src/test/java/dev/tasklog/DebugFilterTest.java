package dev.tasklog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DebugFilterTest {

    /** A context of a chosen class name is simulated by nested classes with known names. */
    static final class Solver implements DebugContext {
        @Override
        public void logDebugMessage(DebugLog log, DebugEvent event) {
        }
    }

    static final class Pump implements DebugContext {
        private final String name;

        Pump(String name) {
            this.name = name;
        }

        @Override
        public String debugName() {
            return name;
        }

        @Override
        public void logDebugMessage(DebugLog log, DebugEvent event) {
        }
    }

    @Test
    void emptySettingsAcceptEverything() {
        assertThat(DebugFilter.of("", "", "")).isSameAs(DebugFilter.ALL);
        assertThat(DebugFilter.of(null, null, null)).isSameAs(DebugFilter.ALL);
        assertThat(DebugFilter.ALL.acceptsContext(new Solver())).isTrue();
        assertThat(DebugFilter.ALL.acceptsTime(1e9)).isTrue();
    }

    @Test
    void contextsByFullNameSimpleNamePackageGlobsAndNames() {
        Solver solver = new Solver();
        Pump inlet = new Pump("inlet");
        Pump unnamed = new Pump(null);
        assertThat(DebugFilter.of("dev.tasklog.DebugFilterTest$Solver", "", "").acceptsContext(solver)).isTrue();
        assertThat(DebugFilter.of("DebugFilterTest$Solver", "", "").acceptsContext(solver)).isTrue();
        assertThat(DebugFilter.of("*$Solver", "", "").acceptsContext(solver)).isTrue();
        assertThat(DebugFilter.of("dev.tasklog.*", "", "").acceptsContext(solver)).isTrue();
        assertThat(DebugFilter.of("dev.*", "", "").acceptsContext(solver)).as("* stays in one package").isFalse();
        assertThat(DebugFilter.of("dev.**", "", "").acceptsContext(solver)).isTrue();
        assertThat(DebugFilter.of("com.acme.**", "", "").acceptsContext(solver)).isFalse();

        DebugFilter pumps = DebugFilter.of("*$Pump[inlet, out*]; *$Solver", "", "");
        assertThat(pumps.acceptsContext(inlet)).isTrue();
        assertThat(pumps.acceptsContext(new Pump("outlet-2"))).isTrue();
        assertThat(pumps.acceptsContext(new Pump("drain"))).isFalse();
        assertThat(pumps.acceptsContext(unnamed)).isFalse();
        assertThat(pumps.acceptsContext(solver)).isTrue();
        assertThat(DebugFilter.of("*$Pump,*$Solver", "", "").acceptsContext(unnamed)).isTrue();
    }

    @Test
    void timeWindowIsInclusiveAndReadsUnits() {
        DebugFilter window = DebugFilter.of("", "2", "4");
        assertThat(window.acceptsTime(1.99)).isFalse();
        assertThat(window.acceptsTime(2)).isTrue();
        assertThat(window.acceptsTime(4)).isTrue();
        assertThat(window.acceptsTime(4.01)).isFalse();
        assertThat(window.acceptsTime(Double.NaN)).as("unknown time").isTrue();
        assertThat(DebugFilter.of("", "500ms", "").acceptsTime(0.4)).isFalse();
        assertThat(DebugFilter.of("", "500ms", "").acceptsTime(0.5)).isTrue();
        assertThat(DebugFilter.of("", "", "2m").acceptsTime(120)).isTrue();
        assertThat(DebugFilter.of("", "", "2m").acceptsTime(121)).isFalse();
        assertThat(DebugFilter.of("", "1h", "").acceptsTime(3599)).isFalse();
        assertThat(DebugFilter.of("", "-1.5", "").acceptsTime(-1)).isTrue();
    }

    @Test
    void malformedSettingsAreRejectedWithWhatIsAccepted() {
        assertThatThrownBy(() -> DebugFilter.of("", "soon", "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("debug.from").hasMessageContaining("'soon'");
        assertThatThrownBy(() -> DebugFilter.of("", "", "5 minutes")).hasMessageContaining("debug.to");
        assertThatThrownBy(() -> DebugFilter.of("", "5", "1")).hasMessageContaining("after debug.to");
        assertThatThrownBy(() -> DebugFilter.of("com.acme.[x", "", "")).hasMessageContaining("'com.acme.[x'");
        assertThatThrownBy(() -> DebugFilter.of("com..Solver", "", "")).hasMessageContaining("debug.contexts");
        assertThatThrownBy(() -> DebugFilter.of("Pump[]", "", "")).hasMessageContaining("Pump[]");
    }
}
