package dev.devcaster.stress.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where {@code hack/control-plane.sh} caches kube-apiserver, etcd, kubectl and
 * kube-controller-manager ({@code ~/.cache/devcaster-operator/k8s/<version>-linux-amd64}, or
 * {@code -Dtest.k8s.binaries}); builds them with that script when one is missing.
 */
public record ControlPlaneBinaries(Path dir, String version) {

    public static final List<String> REQUIRED = List.of("kube-apiserver", "etcd", "kubectl", "kube-controller-manager");

    public static ControlPlaneBinaries fromSystem() {
        String version = System.getProperty("test.k8s.version", "1.34.4");
        Path dir = Path.of(System.getProperty("test.k8s.binaries",
            System.getProperty("user.home") + "/.cache/devcaster-operator/k8s/" + version + "-linux-amd64"));
        return new ControlPlaneBinaries(dir, version);
    }

    public Path binary(String name) {
        return dir.resolve(name);
    }

    /** kube-api-test's test dir: it looks for {@code <dir>/k8s/<version>-<os>-<arch>/}. */
    public Path kubeApiTestDir() {
        return dir.getParent().getParent();
    }

    public boolean complete() {
        return REQUIRED.stream().allMatch(b -> Files.isExecutable(binary(b)));
    }

    /** Runs {@code hack/control-plane.sh} when a binary is missing (it returns at once when all are cached). */
    public ControlPlaneBinaries ensure(Path repoRoot) {
        if (complete()) {
            return this;
        }
        Path script = repoRoot.resolve("hack/control-plane.sh");
        System.out.println("[stress] control-plane binaries missing in " + dir + "; running " + script);
        try {
            ProcessBuilder builder = new ProcessBuilder("bash", script.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().put("K8S_VERSION", version);
            builder.environment().put("DEVCASTER_CACHE", kubeApiTestDir().toString());
            Process p = builder.start();
            p.getOutputStream().close();
            int rc = p.waitFor();
            if (rc != 0 || !complete()) {
                throw new IllegalStateException(script + " failed (exit " + rc + "); binaries still missing in " + dir);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the control plane", e);
        }
        return this;
    }
}
