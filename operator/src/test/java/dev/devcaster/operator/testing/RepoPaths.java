package dev.devcaster.operator.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the chart and the examples live: the repository root is the parent of crds/. */
public final class RepoPaths {

    public static final Path ROOT = Path.of(System.getProperty("crd.committed.dir", "../crds")).toAbsolutePath().normalize().getParent();
    public static final Path CHART = ROOT.resolve("helm/devcaster-operator");
    public static final Path EXAMPLES = ROOT.resolve("examples");
    /** The kubectl hack/control-plane.sh builds next to kube-apiserver, else the one on the PATH. */
    public static final String KUBECTL = kubectl();

    private RepoPaths() {
    }

    private static String kubectl() {
        Path built = Path.of(System.getProperty("test.k8s.binaries",
            System.getProperty("user.home") + "/.cache/devcaster-operator/k8s/1.34.4-linux-amd64")).resolve("kubectl");
        return Files.isExecutable(built) ? built.toString() : "kubectl";
    }
}
