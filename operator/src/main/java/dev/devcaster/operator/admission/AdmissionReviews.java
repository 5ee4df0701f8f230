package dev.devcaster.operator.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devcaster.operator.trigger.Trigger;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code admission.k8s.io/v1} AdmissionReview protocol around {@link TriggerAdmission}: reads
 * the request, answers within a time budget below the API server's webhook timeout (a check still
 * running then goes on in the background and warms the caches, the answer follows the failure
 * policy), and records {@code devcaster_admission_requests_seconds{result,operation}}. No label
 * names a Trigger; nothing a Trigger references (an API key) reaches a response, a log or a metric.
 */
public final class AdmissionReviews implements AutoCloseable {

    static final String METRIC = "devcaster.admission.requests";
    private static final Logger LOG = LoggerFactory.getLogger(AdmissionReviews.class);
    private static final ObjectMapper JSON = Serialization.jsonMapper();

    private final TriggerAdmission admission;
    private final Duration budget;
    private final ThreadPoolExecutor checks;
    private final MeterRegistry registry;
    private final Duration[] buckets;

    /**
     * @param budget  how long a request may take; a check still running then is answered by the failure policy
     * @param threads checks at once; more wait in a short queue, beyond it they are answered by the failure policy
     */
    public AdmissionReviews(TriggerAdmission admission, Duration budget, int threads, MeterRegistry registry,
                            List<Duration> buckets) {
        this.admission = admission;
        this.budget = budget;
        this.checks = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(threads * 8),
            r -> {
                Thread t = new Thread(r, "admission-check");
                t.setDaemon(true);
                return t;
            });
        this.registry = registry;
        this.buckets = buckets.toArray(Duration[]::new);
    }

    /** One AdmissionReview request body to its response body. */
    public byte[] review(byte[] body) throws IOException {
        long start = System.nanoTime();
        JsonNode request = JSON.readTree(body).path("request");
        String uid = request.path("uid").asText(null);
        if (uid == null) {
            throw new IOException("no request.uid");
        }
        String operation = request.path("operation").asText("");
        Verdict verdict = verdict(request, operation);
        Timer.builder(METRIC)
            .description("Admission requests for Triggers by result and operation")
            .tag("result", verdict.result().label())
            .tag("operation", operation.isEmpty() ? "unknown" : operation)
            .serviceLevelObjectives(buckets)
            .register(registry)
            .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        log(request, operation, verdict);
        return JSON.writeValueAsBytes(response(uid, verdict));
    }

    private Verdict verdict(JsonNode request, String operation) throws IOException {
        if (!"CREATE".equals(operation) && !"UPDATE".equals(operation)) {
            return Verdict.allowed(List.of());
        }
        JsonNode object = request.path("object");
        if ("UPDATE".equals(operation) && (object.path("spec").equals(request.path("oldObject").path("spec"))
            || object.path("metadata").hasNonNull("deletionTimestamp"))) {
            // Metadata, finalizers, status, deletion: nothing this webhook judges changed.
            return Verdict.allowed(List.of());
        }
        Trigger trigger = JSON.treeToValue(object, Trigger.class);
        if (trigger.getSpec() == null) {
            return Verdict.allowed(List.of());
        }
        if (trigger.getMetadata().getNamespace() == null) {
            trigger.getMetadata().setNamespace(request.path("namespace").asText(null));
        }
        Future<Verdict> check;
        try {
            check = checks.submit(() -> {
                try {
                    return admission.decide(trigger);
                } catch (RuntimeException e) {
                    return admission.failed(e);
                }
            });
        } catch (RejectedExecutionException e) {
            return admission.unavailable("too many admission requests at once");
        }
        try {
            return check.get(budget.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return admission.unavailable("Devcaster did not answer within " + budget.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return admission.unavailable("interrupted");
        } catch (ExecutionException e) {
            return admission.failed(new IllegalStateException(e.getCause()));
        }
    }

    private static ObjectNode response(String uid, Verdict verdict) {
        ObjectNode review = JSON.createObjectNode().put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
        ObjectNode response = review.putObject("response").put("uid", uid).put("allowed", verdict.isAllowed());
        if (!verdict.isAllowed()) {
            response.putObject("status").put("code", verdict.code())
                .put("reason", verdict.code() == 422 ? "Invalid" : "ServiceUnavailable")
                .put("message", verdict.message());
        }
        if (!verdict.warnings().isEmpty()) {
            verdict.warnings().forEach(response.putArray("warnings")::add);
        }
        return review;
    }

    private static void log(JsonNode request, String operation, Verdict verdict) {
        if (verdict.result() == Verdict.Result.ALLOWED && verdict.warnings().isEmpty() || !LOG.isInfoEnabled()) {
            LOG.debug("admission {} {}/{}: {}", operation, request.path("namespace").asText(), name(request),
                verdict.result().label());
            return;
        }
        LOG.info("admission {} {}/{}{}: {}{}", operation, request.path("namespace").asText(), name(request),
            request.path("dryRun").asBoolean() ? " (dry run)" : "", verdict.result().label(),
            verdict.message() != null ? ": " + verdict.message()
                : verdict.warnings().isEmpty() ? "" : " with warning: " + String.join("; ", verdict.warnings()));
    }

    private static String name(JsonNode request) {
        String name = request.path("name").asText("");
        return name.isEmpty() ? request.path("object").path("metadata").path("generateName").asText("") + "*" : name;
    }

    @Override
    public void close() {
        checks.shutdownNow();
    }
}
