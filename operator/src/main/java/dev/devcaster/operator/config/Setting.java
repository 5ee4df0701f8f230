package dev.devcaster.operator.config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One operator setting, declared once: the environment variable that sets it, the Helm value that
 * maps onto it, its default, what it means and how its text becomes a value. The README's
 * configuration table and the chart are checked against these declarations.
 *
 * @param env         environment variable
 * @param helmValue   the chart value that sets it (dotted path), or a note in parentheses when the chart
 *                    sets it by other means, e.g. {@code (downward API)}
 * @param rawDefault  text used when the variable is unset or blank; null when there is none
 * @param shown       the default as people read it in the README, e.g. {@code (all)}
 * @param fallbackEnv another variable read when this one is unset (e.g. {@code POD_NAMESPACE}), or null
 * @param secret      the value never appears in logs (only whether it is set)
 */
public record Setting<T>(String env, String helmValue, String rawDefault, String shown, String fallbackEnv,
                         String description, Parser<T> parser, boolean secret) {

    /** Turns the text of a setting (null when unset and without default) into its value. */
    @FunctionalInterface
    public interface Parser<T> {
        /** @throws IllegalArgumentException with a message saying what is expected */
        T parse(String raw);
    }

    public Setting {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(parser, "parser");
    }

    static <T> Setting<T> of(String env, String helmValue, String rawDefault, String description, Parser<T> parser) {
        return new Setting<>(env, helmValue, rawDefault, rawDefault == null ? "(none)" : rawDefault, null, description,
            parser, false);
    }

    Setting<T> shownAs(String text) {
        return new Setting<>(env, helmValue, rawDefault, text, fallbackEnv, description, parser, secret);
    }

    Setting<T> orElseFrom(String otherEnv) {
        return new Setting<>(env, helmValue, rawDefault, shown, otherEnv, description, parser, secret);
    }

    Setting<T> secretValue() {
        return new Setting<>(env, helmValue, rawDefault, shown, fallbackEnv, description, parser, true);
    }

    /** @throws IllegalArgumentException when the text is not a valid value */
    T read(Map<String, String> environment) {
        String raw = text(environment, env)
            .or(() -> fallbackEnv == null ? Optional.empty() : text(environment, fallbackEnv))
            .orElse(rawDefault);
        return parser.parse(raw);
    }

    private static Optional<String> text(Map<String, String> environment, String name) {
        return Optional.ofNullable(environment.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }
}
