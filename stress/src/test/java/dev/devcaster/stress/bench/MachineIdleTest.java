package dev.devcaster.stress.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MachineIdleTest {

    @Test
    void totalLeavesOutGuestTimeAlreadyInUserAndIdleIncludesIoWait() {
        long[] ticks = MachineIdle.ticks("cpu  100 20 30 400 50 6 7 8 90 10");
        assertThat(ticks).containsExactly(100 + 20 + 30 + 400 + 50 + 6 + 7 + 8, 400 + 50);
    }

    @Test
    void aGuestColumnWithoutGuestNiceIsLeftOutToo() {
        assertThat(MachineIdle.ticks("cpu 1 2 3 4 5 6 7 8 9")).containsExactly(36, 9);
    }

    @Test
    void theMachinesCpusAreTheNumberedLines() {
        assertThat(MachineIdle.cpus(List.of("cpu  10 0 0 0", "cpu0 5 0 0 0", "cpu1 5 0 0 0", "intr 1 2", "ctxt 7")))
            .isEqualTo(2);
    }

    @Test
    void aKernelWithoutGuestColumnsIsReadToo() {
        assertThat(MachineIdle.ticks("cpu 1 2 3 4 5 6 7")).containsExactly(28, 9);
    }

    @Test
    void givesUpAtTheTimeoutWhenTheMachineNeverGetsThatIdle() {
        // No machine is busy below zero cores: the wait ends at its timeout and says so.
        MachineIdle.Wait wait = MachineIdle.await(-1, Duration.ofMillis(50), Duration.ofMillis(200));
        assertThat(wait.idle()).isFalse();
        assertThat(wait.seconds()).isGreaterThanOrEqualTo(0.2);
    }

    @Test
    void returnsAfterOneWindowWhenAnyLoadIsAccepted() {
        MachineIdle.Wait wait = MachineIdle.await(Double.MAX_VALUE, Duration.ofMillis(50), Duration.ofSeconds(5));
        assertThat(wait.idle()).isTrue();
        assertThat(wait.seconds()).isLessThan(1);
    }
}
