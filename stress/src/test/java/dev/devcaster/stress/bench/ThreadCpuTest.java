package dev.devcaster.stress.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadCpuTest {

    @Test
    void threadsOfOneKindAreCountedTogether() {
        assertThat(ThreadCpu.kind("ReconcilerExecu")).isEqualTo("ReconcilerExecu");
        assertThat(ThreadCpu.kind("GC Thread#0")).isEqualTo("GC Thread");
        assertThat(ThreadCpu.kind("C2 CompilerThre")).isEqualTo("C2 CompilerThre");
        assertThat(ThreadCpu.kind("C1 CompilerThre")).isEqualTo("C1 CompilerThre");
        assertThat(ThreadCpu.kind("pool-2-thread-13")).isEqualTo("pool-thread");
        assertThat(ThreadCpu.kind("qtp123456-42")).isEqualTo("qtp");
    }

    @Test
    void timeOfThreadsThatEndedIsShownAsTheRest() {
        Map<String, Double> used = ThreadCpu.between(Map.of("GC Thread", 1.0, "ReconcilerExecu", 2.0),
            Map.of("GC Thread", 1.5, "ReconcilerExecu", 5.0, "C2 CompilerThre", 1.0), 5.0);

        assertThat(used).containsExactly(Map.entry("ReconcilerExecu", 3.0), Map.entry("C2 CompilerThre", 1.0),
            Map.entry("GC Thread", 0.5), Map.entry("(ended threads)", 0.5));
    }
}
