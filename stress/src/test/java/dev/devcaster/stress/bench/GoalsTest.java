package dev.devcaster.stress.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GoalsTest {

    static final BenchOptions OPTIONS = new BenchOptions(1000, 100, Duration.ofMillis(50), 10, Duration.ofSeconds(60),
        1000, 10, 4, 0, List.of(), false, true, 1, Duration.ofMinutes(10), Path.of("out.json"), Path.of("values.yaml"));
    static final ChartDefaults CHART = new ChartDefaults("-XX:MaxRAMPercentage=75", "512Mi", 536_870_912L, "1", 1, 10, 20);
    static final JvmSizing SIZING = new JvmSizing(402_653_184L, "SerialGC");

    @Test
    void theWaveMayTakeTenPercentOverTheFloorAtTwentyPerSecondAndTwentyAbove() {
        assertThat(Goals.waveFactor(20)).isEqualTo(1.1);
        assertThat(Goals.waveFactor(5)).isEqualTo(1.1);
        assertThat(Goals.waveFactor(100)).isEqualTo(1.2);
        assertThat(Goals.waveFactor(0)).isEqualTo(1.2);
    }

    @Test
    void aSnapshotReadsByIdsOrListsWhicheverIsFewer() {
        assertThat(Goals.callsPerSnapshot(3, 200_000, 3)).as("3 Triggers in a big project: by id").isEqualTo(2);
        assertThat(Goals.callsPerSnapshot(10_001, 10_001, 10)).as("the project is all ours: listing").isEqualTo(12);
        assertThat(Goals.callsPerSnapshot(1001, 1001, 10)).isEqualTo(3);
    }

    @Test
    void everyGoalMetWhenTheFiguresAreWithinTheirBounds() {
        List<Goal> goals = Goals.evaluate(OPTIONS, SIZING, CHART, first(1.5), wave(11.0, 10, 1010, 1000, 1000, 250_000),
            quiet(0, 0, 6), restart(2.0, 6), baseline(158), null);

        assertThat(goals).filteredOn(g -> g.verdict() == Goal.Verdict.MISSED).isEmpty();
        assertThat(goals).filteredOn(g -> g.verdict() == Goal.Verdict.MET).hasSize(10);
    }

    @Test
    void eachBoundMissedOnItsOwn() {
        List<Goal> goals = Goals.evaluate(OPTIONS, SIZING, CHART, first(2.8), wave(27.4, 10, 1060, 2000, 1000, 400_000),
            quiet(3, 1, 22), restart(19.7, 40), baseline(158), null);

        assertThat(goals).filteredOn(g -> g.verdict() == Goal.Verdict.MISSED).extracting(Goal::metric)
            .containsExactly("1,000 new Triggers at 100/s: all Ready", "faster than the SDK-style loop",
                "remote calls per new Trigger", "API-server writes per new Trigger", "quiet 120 s (2 resyncs): writes",
                "quiet 120 s: remote list calls", "operator max RSS (chart defaults)",
                "restart with 1,001 Synced + 1 new: new one Ready", "restart: remote calls until then",
                "start → first Ready, 1 Trigger");
    }

    @Test
    void theRestartGoalJudgesTheMedianStartAndTheRemoteCallsOfEveryStart() {
        Measurements.Restarts restarts = new Measurements.Restarts(List.of(run(3.4, 3), run(2.6, 3), run(2.9, 40)));

        List<Goal> goals = Goals.evaluate(OPTIONS, SIZING, CHART, first(1.5), wave(11.0, 10, 1010, 1000, 1000, 250_000),
            quiet(0, 0, 6), restarts, baseline(158), null);

        Goal ready = goals.stream().filter(g -> g.metric().startsWith("restart with")).findFirst().orElseThrow();
        assertThat(ready.verdict()).isEqualTo(Goal.Verdict.MET);
        assertThat(ready.measured()).startsWith("2.90 s after launch (median of 3: 2.60, 2.90, 3.40 s)");
        assertThat(goals).filteredOn(g -> g.metric().equals("restart: remote calls until then"))
            .extracting(Goal::verdict).containsExactly(Goal.Verdict.MISSED);
        assertThat(new Measurements.Restarts(List.of(run(3.1, 3), run(2.9, 3))).median().launchToNewReadySeconds())
            .as("the upper median of an even count").isEqualTo(3.1);
    }

    @Test
    void noSpeedUpGoalBelowOneHundredPerSecondWhereTheFloorBoundsIt() {
        BenchOptions slow = new BenchOptions(1000, 20, Duration.ofMillis(50), 10, Duration.ofSeconds(60), 1000, 10, 4, 0,
            List.of(), false, true, 1, Duration.ofMinutes(10), Path.of("out.json"), Path.of("values.yaml"));

        List<Goal> goals = Goals.evaluate(slow, SIZING, CHART, first(1.5), wave(53.6, 50, 1010, 1000, 1000, 250_000),
            quiet(0, 0, 6), restart(2.0, 6), baseline(158), null);

        assertThat(goals).filteredOn(g -> g.metric().equals("faster than the SDK-style loop"))
            .extracting(Goal::verdict).containsExactly(Goal.Verdict.INFO);
        assertThat(goals.get(0).goal()).isEqualTo("≤ 1.1 × floor");
        assertThat(goals.get(0).verdict()).isEqualTo(Goal.Verdict.MET);
    }

    private static Measurements.FirstReady first(double seconds) {
        return new Measurements.FirstReady(seconds, 0.5, 0.5, seconds - 1, Map.of());
    }

    private static Measurements.Wave wave(double seconds, double floor, long remote, long triggerWrites,
                                          long statusWrites, long rssKb) {
        return new Measurements.Wave(1000, 1000, 5, seconds, 1.0, seconds / 2, 1000 / seconds, floor,
            Map.of("POST upsert", remote), remote,
            1000, Map.of("triggers", triggerWrites, "triggers/status", statusWrites, "events", 1000L), Map.of(), Map.of(),
            10, 10, 10, Map.of(), Map.of(), Map.of(), rssKb, rssKb, Map.of());
    }

    private static Measurements.Quiet quiet(long remoteWrites, long statusWrites, long lists) {
        return new Measurements.Quiet(120, 60, 1001, 10, Map.of("GET /api/v3/trigger_instances/active", lists), lists,
            remoteWrites, 0, statusWrites == 0 ? Map.of() : Map.of("triggers/status", statusWrites), 1, 1);
    }

    private static Measurements.Restarts restart(double seconds, long calls) {
        return new Measurements.Restarts(List.of(run(seconds, calls)));
    }

    private static Measurements.Restart run(double seconds, long calls) {
        return new Measurements.Restart(1002, seconds, 0.5, 0.5, Map.of("GET /api/v3/trigger_instances/active", calls),
            calls);
    }

    private static SdkBaseline.Result baseline(double seconds) {
        return new SdkBaseline.Result(1000, seconds, seconds / 1000, 3000, 1000, seconds, false);
    }
}
