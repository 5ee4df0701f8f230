package dev.devcaster.operator.admission;

import java.util.List;

/**
 * The answer to one admission request.
 *
 * @param message  why it is refused (null when allowed); what {@code kubectl} prints after
 *                 "denied the request:"
 * @param warnings what {@code kubectl} prints as "Warning: ..." (allowed or not)
 */
public record Verdict(Result result, String message, List<String> warnings) {

    /** The {@code result} label of the admission metric. */
    public enum Result {
        /** Validated and admitted (maybe with warnings about what can become true later). */
        ALLOWED("allowed"),
        /** The Trigger can never work as it is: invalid config, unknown type. */
        DENIED("denied"),
        /** Could not validate (Devcaster unreachable, 429, timeout); admitted with a warning (policy Ignore). */
        ALLOWED_ON_ERROR("allowed-on-error"),
        /** Could not validate; refused (policy Fail). */
        DENIED_ON_ERROR("denied-on-error");

        private final String label;

        Result(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public Verdict {
        warnings = List.copyOf(warnings);
    }

    public static Verdict allowed(List<String> warnings) {
        return new Verdict(Result.ALLOWED, null, warnings);
    }

    public static Verdict denied(String message) {
        return new Verdict(Result.DENIED, message, List.of());
    }

    public boolean isAllowed() {
        return result == Result.ALLOWED || result == Result.ALLOWED_ON_ERROR;
    }

    /** HTTP status of a refusal as the API server reports it: 422 for a wrong spec, 503 when validation failed. */
    public int code() {
        return result == Result.DENIED ? 422 : result == Result.DENIED_ON_ERROR ? 503 : 200;
    }
}
