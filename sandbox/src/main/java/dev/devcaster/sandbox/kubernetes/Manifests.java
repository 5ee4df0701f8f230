package dev.devcaster.sandbox.kubernetes;

import dev.devcaster.sandbox.output.SandboxException;
import dev.devcaster.sandbox.triggers.Expectation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Applies manifest files (server-side apply, into the sandbox namespace) and says what it applied. */
final class Manifests {

    static final String FIELD_MANAGER = "devcaster-sandbox";

    /**
     * @param rejected   manifests the API server refused (schema, CEL rules or the admission webhook), with its message
     * @param unexpected the rejected ones that were not meant to fail (not in a folder named invalid)
     * @param refusedAsMeant the names of the rejected ones that were meant to fail
     */
    record Result(List<Expectation> triggers, List<String> applied, List<String> rejected, List<String> unexpected,
                  List<String> refusedAsMeant) {
    }

    private Manifests() {
    }

    /** The YAML files of each path (a file, or a folder's *.yaml / *.yml, sorted; kustomization files skipped). */
    static List<Path> files(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isRegularFile(path)) {
                files.add(path);
            } else if (Files.isDirectory(path)) {
                try (Stream<Path> list = Files.list(path)) {
                    list.filter(Files::isRegularFile)
                        .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                        .filter(p -> !p.getFileName().toString().startsWith("kustomization."))
                        .sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                throw new SandboxException("manifests " + path + " not found",
                    "pass an existing file or folder to --manifests (run from the repository root for examples/)");
            }
        }
        if (files.isEmpty()) {
            throw new SandboxException("no manifests (*.yaml) in " + paths, "pass a file or folder with --manifests");
        }
        return files;
    }

    static Result apply(KubernetesClient client, String namespace, List<Path> files, Path relativeTo) {
        List<Expectation> triggers = new ArrayList<>();
        List<String> applied = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> refusedAsMeant = new ArrayList<>();
        for (Path file : files) {
            Path shown = file.toAbsolutePath().startsWith(relativeTo) ? relativeTo.relativize(file.toAbsolutePath()) : file;
            List<HasMetadata> items;
            try (InputStream in = Files.newInputStream(file)) {
                items = client.load(in).items();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            } catch (RuntimeException e) {
                rejected.add(shown + ": not a Kubernetes manifest: " + SandboxException.rootMessage(e));
                continue;
            }
            for (HasMetadata item : items) {
                if (item == null) {
                    continue;
                }
                String what = item.getKind() + "/" + item.getMetadata().getName();
                try {
                    client.resource(item).inNamespace(namespace).fieldManager(FIELD_MANAGER).forceConflicts()
                        .serverSideApply();
                    applied.add(what + " (" + shown + ")");
                    if ("Trigger".equals(item.getKind())) {
                        triggers.add(Expectation.forManifest(item.getMetadata().getName(), shown));
                    }
                } catch (KubernetesClientException e) {
                    String reason = e.getStatus() != null && e.getStatus().getMessage() != null
                        ? e.getStatus().getMessage() : e.getMessage();
                    rejected.add(what + " (" + shown + ") rejected by the API server: " + reason);
                    if (!Expectation.forManifest(item.getMetadata().getName(), shown).shouldFail()) {
                        unexpected.add(what);
                    } else {
                        refusedAsMeant.add(item.getMetadata().getName());
                    }
                }
            }
        }
        return new Result(triggers, applied, rejected, unexpected, refusedAsMeant);
    }
}
