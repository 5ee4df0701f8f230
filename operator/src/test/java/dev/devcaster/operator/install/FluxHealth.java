package dev.devcaster.operator.install;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.extensions.CelOptionalLibrary;
import dev.cel.parser.CelParser;
import dev.cel.parser.CelParserFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Flux's health evaluation of a custom resource with {@code spec.healthCheckExprs} (RFC-0009, as
 * fluxcd/pkg runtime/cel implements it), with a real CEL interpreter (cel-java): parsed only, with the
 * standard macros and optional syntax; the object's top-level fields are the variables. First
 * a differing {@code status.observedGeneration} means InProgress; then inProgress, failed and
 * current are evaluated in that order and the first true one wins; none true means InProgress;
 * an evaluation error (e.g. no {@code status} at all) means Unknown, and Flux keeps waiting.
 * Also {@link #kstatus}: what Flux computes without the expressions.
 */
final class FluxHealth {

    enum Status { Current, InProgress, Failed, Unknown }

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

    private final CelRuntime.Program inProgress;
    private final CelRuntime.Program failed;
    private final CelRuntime.Program current;

    private FluxHealth(String inProgress, String failed, String current) {
        this.inProgress = inProgress == null ? null : compile(inProgress);
        this.failed = failed == null ? null : compile(failed);
        this.current = compile(current);
    }

    /** The health check of {@code apiVersion}/{@code kind} in a Flux Kustomization manifest. */
    static FluxHealth fromKustomization(Path manifest, String apiVersion, String kind) {
        try {
            JsonNode kustomization = new ObjectMapper(new YAMLFactory()).readTree(manifest.toFile());
            List<JsonNode> checks = new ArrayList<>();
            kustomization.path("spec").path("healthCheckExprs").forEach(checks::add);
            JsonNode check = checks.stream().filter(c -> apiVersion.equals(c.path("apiVersion").asText())
                    && kind.equals(c.path("kind").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no healthCheckExprs for " + apiVersion + " " + kind + " in " + manifest));
            return new FluxHealth(text(check, "inProgress"), text(check, "failed"), text(check, "current"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The health Flux computes for this object (as the API server returns it, e.g. a Trigger as JSON). */
    Status evaluate(Object resource) {
        Map<String, Object> object = asMap(resource);
        Long observed = nestedLong(object, "status", "observedGeneration");
        Long generation = nestedLong(object, "metadata", "generation");
        if (observed != null && generation != null && !observed.equals(generation)) {
            return Status.InProgress;
        }
        for (var step : List.of(Map.entry(Status.InProgress, nullable(inProgress)), Map.entry(Status.Failed, nullable(failed)),
            Map.entry(Status.Current, nullable(current)))) {
            if (step.getValue().isEmpty()) {
                continue;
            }
            try {
                Object result = step.getValue().get(0).eval(object);
                if (!(result instanceof Boolean b)) {
                    return Status.Unknown;
                }
                if (b) {
                    return step.getKey();
                }
            } catch (CelEvaluationException e) {
                return Status.Unknown;
            }
        }
        return Status.InProgress;
    }

    /** kstatus' generic rules (what Flux uses for a custom resource without healthCheckExprs). */
    static Status kstatus(Object resource) {
        Map<String, Object> object = asMap(resource);
        Long observed = nestedLong(object, "status", "observedGeneration");
        Long generation = nestedLong(object, "metadata", "generation");
        if (observed != null && generation != null && !observed.equals(generation)) {
            return Status.InProgress;
        }
        Object status = object.get("status");
        if (status instanceof Map<?, ?> s && s.get("conditions") instanceof List<?> conditions) {
            for (Object c : conditions) {
                Map<?, ?> condition = (Map<?, ?>) c;
                if ("Reconciling".equals(condition.get("type")) && "True".equals(condition.get("status"))) {
                    return Status.InProgress;
                }
                if ("Stalled".equals(condition.get("type")) && "True".equals(condition.get("status"))) {
                    return Status.Failed;
                }
            }
        }
        return Status.Current;
    }

    private static List<CelRuntime.Program> nullable(CelRuntime.Program program) {
        return program == null ? List.of() : List.of(program);
    }

    /** Parsed only, like Flux (which cannot assume the top-level fields of every custom resource). */
    private static CelRuntime.Program compile(String expression) {
        CelOptions options = CelOptions.current().enableOptionalSyntax(true).enableHeterogeneousNumericComparisons(true)
            .build();
        CelParser parser = CelParserFactory.standardCelParserBuilder().setOptions(options)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS).addLibraries(CelOptionalLibrary.INSTANCE).build();
        // The planner runtime evaluates parsed, unchecked expressions dynamically, as cel-go does.
        CelRuntime runtime = CelRuntimeFactory.plannerRuntimeBuilder().setOptions(options)
            .addLibraries(CelOptionalLibrary.INSTANCE).build();
        try {
            return runtime.createProgram(parser.parse(expression).getAst());
        } catch (CelValidationException | CelEvaluationException e) {
            throw new AssertionError("not a valid CEL expression: " + expression + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object resource) {
        return JSON.convertValue(JSON.valueToTree(resource), Map.class);
    }

    private static Long nestedLong(Map<String, Object> object, String field, String child) {
        return object.get(field) instanceof Map<?, ?> m && m.get(child) instanceof Number n ? n.longValue() : null;
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
