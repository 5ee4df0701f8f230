package dev.devcaster.operator.config;

import java.util.List;

/** Invalid operator configuration; names every variable to fix, so one restart fixes them all. */
public final class ConfigException extends RuntimeException {

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One entry per variable, e.g. {@code RESYNC_PERIOD: 'soon' is not a duration (...)}. */
    public List<String> problems() {
        return problems;
    }
}
