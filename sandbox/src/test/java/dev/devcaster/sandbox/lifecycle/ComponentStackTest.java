package dev.devcaster.sandbox.lifecycle;

import dev.devcaster.sandbox.output.Console;
import dev.devcaster.sandbox.output.SandboxException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ComponentStackTest {

    private final List<String> events = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final StopSignal signal = new StopSignal();
    private final ComponentStack stack = new ComponentStack(
        new Console(new PrintStream(out, true, StandardCharsets.UTF_8), false, 0), signal);

    @Test
    void startsInOrderAndStopsInReverseOrder() {
        stack.startAll(List.of(part("cluster"), part("emulator"), part("operator")));
        stack.stopAll();

        assertThat(events).containsExactly("start cluster", "start emulator", "start operator",
            "stop operator", "stop emulator", "stop cluster");
        assertThat(output()).contains("stopping operator, emulator, cluster ...").contains("nothing left running");
        assertThat(output().lines().filter(l -> l.contains(" stopped (")).map(l -> l.replaceAll(".*\\]   | \\(.*", "")))
            .containsExactly("operator stopped", "emulator stopped", "cluster stopped");
        assertThat(signal.stopping()).isTrue();
    }

    @Test
    void aFailedStartStopsWhatStartedIncludingTheFailedPartAndNothingAfterIt() {
        Component broken = new Part("operator") {
            @Override
            public void start() {
                super.start();
                throw new SandboxException("port taken", "pick another");
            }
        };
        assertThatThrownBy(() -> stack.startAll(List.of(part("cluster"), broken, part("manifests"))))
            .hasMessage("port taken");
        stack.stopAll();

        assertThat(events).containsExactly("start cluster", "start operator", "stop operator", "stop cluster");
    }

    @Test
    void nothingStartsOnceTheStopBegan() {
        stack.stopAll();

        assertThatThrownBy(() -> stack.startAll(List.of(part("cluster")))).isInstanceOf(Stopped.class);
        assertThat(events).isEmpty();
    }

    @Test
    void whatAStopLeavesRunningIsReportedAndTheOthersStillStop() {
        Component stuck = new Part("cluster") {
            @Override
            public void stop() {
                super.stop();
                throw new SandboxException("still running after stop: pid 42", "kill -9 42");
            }
        };
        stack.startAll(List.of(stuck, part("operator")));
        stack.stopAll();

        assertThat(events).containsExactly("start cluster", "start operator", "stop operator", "stop cluster");
        assertThat(output()).contains("ERROR: still running after stop: pid 42").doesNotContain("nothing left running");
    }

    @Test
    void partsWithoutANameStopSilently() {
        stack.startAll(List.of(part(null)));
        stack.stopAll();

        assertThat(events).containsExactly("start null", "stop null");
        assertThat(output()).isEmpty();
    }

    private Component part(String name) {
        return new Part(name);
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private class Part implements Component {
        private final String name;

        Part(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void start() {
            events.add("start " + name);
        }

        @Override
        public void stop() {
            events.add("stop " + name);
        }
    }
}
