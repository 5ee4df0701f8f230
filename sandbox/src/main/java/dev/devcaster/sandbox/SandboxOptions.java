package dev.devcaster.sandbox;

import dev.devcaster.sandbox.output.SandboxException;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Command line of {@code hack/sandbox.sh}. Every setting has a flag; the two that pick real targets
 * also come from the environment ({@code KUBECONFIG}, {@code DEVCASTER_API_KEY}), as kubectl and
 * the operator read them.
 *
 * @param kubeconfig  a real cluster; empty = start kube-apiserver + etcd locally
 * @param apiKey      the real Devcaster service; empty = start the emulator with the demo data
 * @param manifests   files or folders to apply; empty = the default for the target (see {@link #manifestsOrDefault})
 */
record SandboxOptions(int emulatorPort, int httpPort, String namespace, Optional<Path> kubeconfig,
                      String kubeconfigSource, Optional<String> apiKey, String apiKeySource, URI baseUrl,
                      List<Path> manifests, boolean once, Duration timeout, Path stateDir, Path cacheRoot,
                      String k8sVersion, boolean keep, boolean plain, boolean help) {

    static final int DEFAULT_EMULATOR_PORT = 8089;
    static final int DEFAULT_HTTP_PORT = 8090;
    static final String DEFAULT_NAMESPACE = "devcaster-sandbox";
    static final String DEFAULT_BASE_URL = "https://backend.devcaster.dev";
    private static final java.util.Set<String> VALUE_FLAGS = java.util.Set.of("--emulator-port", "--http-port",
        "--namespace", "-n", "--manifests", "--timeout", "--state-dir", "--kubeconfig", "--api-key", "--base-url");

    static String usage() {
        return """
            usage: hack/sandbox.sh [options]

            Starts a local kube-apiserver + etcd, the Devcaster emulator with demo data, installs the CRD,
            runs the operator against both, applies examples/ and shows the Triggers until they settle.
            Then it keeps running until Ctrl-C, which stops everything it started.

              --emulator-port N   port of the Devcaster emulator (default 8089)
              --http-port N       operator /healthz /readyz /metrics port (default 8090; 0 = off)
              --namespace NAME    namespace of the examples (default devcaster-sandbox)
              --manifests PATH    file or folder of Trigger manifests to apply instead of the examples (repeatable)
              --once              exit when the Triggers settle: 0 if each ended as expected, 1 if not (CI)
              --timeout D         how long to wait for the Triggers to settle (default 120s)
              --plain             append each table instead of redrawing it (automatic when not a terminal)
              --state-dir DIR     kubeconfig, log and pid file (default ~/.cache/devcaster-operator/sandbox)

            Real targets (each skips the local part it replaces):
              --kubeconfig PATH   use this cluster instead of a local kube-apiserver (default: $KUBECONFIG)
              --local-cluster     ignore $KUBECONFIG and start the local kube-apiserver anyway
              --api-key KEY       use the real Devcaster service instead of the emulator (default: $DEVCASTER_API_KEY)
              --base-url URL      Devcaster API URL (default: $DEVCASTER_BASE_URL or https://backend.devcaster.dev)
              --emulator          ignore $DEVCASTER_API_KEY and start the emulator anyway
              --keep              on a real cluster or service, leave the applied Triggers when stopping
                                  (default: delete them, so the operator removes their remote triggers)
            """;
    }

    static SandboxOptions parse(String[] args, Map<String, String> env) {
        int emulatorPort = DEFAULT_EMULATOR_PORT;
        int httpPort = DEFAULT_HTTP_PORT;
        String namespace = DEFAULT_NAMESPACE;
        String kubeconfigFlag = null;
        boolean localCluster = false;
        String apiKeyFlag = null;
        boolean emulator = false;
        String baseUrl = blankToNull(env.get("DEVCASTER_BASE_URL"));
        List<Path> manifests = new ArrayList<>();
        boolean once = truthy(env.get("DEVCASTER_SANDBOX_ONCE"));
        Duration timeout = Duration.ofSeconds(120);
        Path cacheRoot = Path.of(Optional.ofNullable(blankToNull(env.get("DEVCASTER_CACHE")))
            .orElse(System.getProperty("user.home") + "/.cache/devcaster-operator"));
        Path stateDir = cacheRoot.resolve("sandbox");
        boolean keep = false;
        boolean plain = false;
        boolean help = false;

        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "-h", "--help" -> help = true;
                case "--once" -> once = true;
                case "--plain" -> plain = true;
                case "--keep" -> keep = true;
                case "--local-cluster" -> localCluster = true;
                case "--emulator" -> emulator = true;
                default -> {
                    if (!VALUE_FLAGS.contains(arg)) {
                        throw usageError("unknown option " + arg);
                    }
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw usageError(arg + " needs a value");
                        }
                        value = args[++i];
                    }
                    switch (arg) {
                        case "--emulator-port" -> emulatorPort = port(arg, value, false);
                        case "--http-port" -> httpPort = port(arg, value, true);
                        case "--namespace", "-n" -> namespace = namespace(value);
                        case "--manifests" -> manifests.add(Path.of(value));
                        case "--timeout" -> timeout = duration(arg, value);
                        case "--state-dir" -> stateDir = Path.of(value);
                        case "--kubeconfig" -> kubeconfigFlag = value;
                        case "--api-key" -> apiKeyFlag = value;
                        case "--base-url" -> baseUrl = value;
                        default -> throw usageError("unknown option " + arg);
                    }
                }
            }
        }

        Optional<Path> kubeconfig = Optional.empty();
        String kubeconfigSource = "local";
        Path ownKubeconfig = stateDir.resolve("kubeconfig").toAbsolutePath().normalize();
        if (kubeconfigFlag != null) {
            kubeconfig = Optional.of(Path.of(kubeconfigFlag));
            kubeconfigSource = "--kubeconfig";
        } else if (!localCluster && blankToNull(env.get("KUBECONFIG")) != null) {
            Path fromEnv = Path.of(env.get("KUBECONFIG").trim());
            // A KUBECONFIG exported from an earlier sandbox run points at a server that is gone.
            if (!fromEnv.toAbsolutePath().normalize().equals(ownKubeconfig)) {
                kubeconfig = Optional.of(fromEnv);
                kubeconfigSource = "KUBECONFIG";
            }
        }
        if (kubeconfig.isPresent() && !Files.isReadable(kubeconfig.get())) {
            throw new SandboxException("kubeconfig " + kubeconfig.get() + " (from " + kubeconfigSource + ") is not readable",
                "fix the path, or run with --local-cluster (or unset KUBECONFIG) to start a local kube-apiserver");
        }

        Optional<String> apiKey = Optional.empty();
        String apiKeySource = "emulator";
        if (apiKeyFlag != null) {
            apiKey = Optional.ofNullable(blankToNull(apiKeyFlag));
            apiKeySource = "--api-key";
        } else if (!emulator && blankToNull(env.get("DEVCASTER_API_KEY")) != null) {
            apiKey = Optional.of(env.get("DEVCASTER_API_KEY").trim());
            apiKeySource = "DEVCASTER_API_KEY";
        }
        URI base;
        try {
            base = URI.create(baseUrl == null ? DEFAULT_BASE_URL : baseUrl);
            if (base.getHost() == null || !base.getScheme().startsWith("http")) {
                throw new IllegalArgumentException();
            }
        } catch (RuntimeException e) {
            throw usageError("--base-url / DEVCASTER_BASE_URL '" + baseUrl + "' is not an http(s) URL");
        }
        String version = Optional.ofNullable(blankToNull(env.get("K8S_VERSION"))).orElse("1.34.4");
        return new SandboxOptions(emulatorPort, httpPort, namespace, kubeconfig, kubeconfigSource, apiKey, apiKeySource,
            base, List.copyOf(manifests), once, timeout, stateDir.toAbsolutePath().normalize(), cacheRoot, version, keep,
            plain, help);
    }

    boolean localCluster() {
        return kubeconfig.isEmpty();
    }

    boolean useEmulator() {
        return apiKey.isEmpty();
    }

    /**
     * What to apply: the flag's paths, else the examples. Against the real service only the example
     * that fails validation (it never writes remotely): the demo users do not exist in a real project.
     */
    List<Path> manifestsOrDefault(Path repoRoot) {
        if (!manifests.isEmpty()) {
            return manifests;
        }
        Path examples = repoRoot.resolve("examples");
        return useEmulator() ? List.of(examples.resolve("triggers"), examples.resolve("invalid"))
            : List.of(examples.resolve("invalid"));
    }

    Path kubeconfigFile() {
        return stateDir.resolve("kubeconfig");
    }

    Path logFile() {
        return stateDir.resolve("sandbox.log");
    }

    Path k8sBinaries() {
        String arch = System.getProperty("os.arch");
        String goArch = switch (arch) {
            case "aarch64", "arm64" -> "arm64";
            default -> "amd64";
        };
        return cacheRoot.resolve("k8s").resolve(k8sVersion + "-linux-" + goArch);
    }

    private static SandboxException usageError(String message) {
        return new SandboxException(message, "see hack/sandbox.sh --help");
    }

    private static int port(String flag, String value, boolean zeroAllowed) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= (zeroAllowed ? 0 : 1) && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw usageError(flag + " '" + value + "' is not a port (" + (zeroAllowed ? "0" : "1") + "-65535)");
    }

    private static String namespace(String value) {
        if (!value.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?") || value.length() > 63) {
            throw usageError("--namespace '" + value + "' is not a namespace name (lower case, digits, '-')");
        }
        return value;
    }

    private static Duration duration(String flag, String value) {
        try {
            String v = value.trim();
            if (v.matches("\\d+s")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            if (v.matches("\\d+m")) {
                return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            if (v.matches("\\d+")) {
                return Duration.ofSeconds(Long.parseLong(v));
            }
            return Duration.parse(v);
        } catch (RuntimeException e) {
            throw usageError(flag + " '" + value + "' is not a duration (e.g. 90s or 5m)");
        }
    }

    private static boolean truthy(String value) {
        return value != null && (value.equals("1") || value.equalsIgnoreCase("true") || value.equalsIgnoreCase("yes"));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
