package dev.devcaster.stress.bench;

/**
 * One row of the benchmark's table: what was measured, the goal (issue 11's table), and whether it
 * is met. A row without a goal ({@link Verdict#INFO}) is there because the goals cannot be judged
 * without it (CPU, the baseline's own time).
 */
public record Goal(String metric, String measured, String goal, Verdict verdict) {

    public enum Verdict {
        MET("yes"), MISSED("NO"), INFO("-");

        private final String shown;

        Verdict(String shown) {
            this.shown = shown;
        }

        public String shown() {
            return shown;
        }

        static Verdict of(boolean met) {
            return met ? MET : MISSED;
        }
    }

    public static Goal atMost(String metric, String measured, double value, double limit, String goal) {
        return new Goal(metric, measured, goal, Verdict.of(value <= limit));
    }

    public static Goal atLeast(String metric, String measured, double value, double limit, String goal) {
        return new Goal(metric, measured, goal, Verdict.of(value >= limit));
    }

    public static Goal info(String metric, String measured) {
        return new Goal(metric, measured, "-", Verdict.INFO);
    }
}
