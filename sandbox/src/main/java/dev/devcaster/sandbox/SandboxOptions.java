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
 * Command line of {@code hack/sandbox.sh}. Local by default: {@code KUBECONFIG} and
 * {@code DEVCASTER_API_KEY} in the environment (set on most platform engineers' machines) do not
 * pick real targets; only the flags do.
 *
 * @param kubeconfig     {@code --kubeconfig PATH}: the cluster of that file; empty = see {@code currentContext}
 * @param currentContext {@code --use-current-context}: the cluster kubectl uses ($KUBECONFIG or ~/.kube/config)
 * @param apiKey         with {@code --real-devcaster}: the real service's key, from $DEVCASTER_API_KEY;
 *                       empty = start the emulator with the demo data
 * @param manifests      files or folders to apply; empty = the default for the target (see {@link #manifestsOrDefault})
 */
record SandboxOptions(int emulatorPort, int httpPort, String namespace, Optional<Path> kubeconfig,
                      boolean currentContext, Optional<String> apiKey, URI baseUrl, List<Path> manifests,
                      boolean once, Duration timeout, Path stateDir, Path cacheRoot, String k8sVersion, boolean keep,
                      boolean plain, boolean help) {

    static final int DEFAULT_EMULATOR_PORT = 8089;
    static final int DEFAULT_HTTP_PORT = 8090;
    static final String DEFAULT_NAMESPACE = "devcaster-sandbox";
    static final String DEFAULT_BASE_URL = "https://backend.devcaster.dev";
    static final String API_KEY_VARIABLE = "DEVCASTER_API_KEY";
    private static final java.util.Set<String> VALUE_FLAGS = java.util.Set.of("--emulator-port", "--http-port",
        "--namespace", "-n", "--manifests", "--timeout", "--state-dir", "--kubeconfig", "--base-url");

    static String usage() {
        return """
            usage: hack/sandbox.sh [options]

            Starts a local kube-apiserver + etcd and the Devcaster emulator with demo data (all on
            127.0.0.1 only), installs the CRD, runs the operator against both, applies examples/ and
            shows the Triggers until they settle. Then it keeps running until Ctrl-C, which stops the
            operator, then the emulator, then kube-apiserver and etcd.

              --emulator-port N   port of the Devcaster emulator (default 8089)
              --http-port N       operator /healthz /readyz /metrics port on 127.0.0.1 (default 8090; 0 = off)
              --namespace NAME    namespace of the examples (default devcaster-sandbox)
              --manifests PATH    file or folder of Trigger manifests to apply instead of the examples (repeatable)
              --once              exit when the Triggers settle: 0 if each ended as expected, 1 if not (CI)
              --timeout D         how long to wait for the Triggers to settle (default 120s)
              --plain             append each table instead of redrawing it (automatic when not a terminal)
              --state-dir DIR     kubeconfig, logs and pid file (default ~/.cache/devcaster-operator/sandbox)

            Real targets, only with these flags (KUBECONFIG and DEVCASTER_API_KEY alone never pick one);
            each replaces the local part, and is named (context and server, or URL) before first use:
              --kubeconfig PATH       use the cluster of this kubeconfig's current context instead of a
                                      local kube-apiserver
              --use-current-context   use the cluster kubectl uses now ($KUBECONFIG or ~/.kube/config)
              --real-devcaster        use the real Devcaster service instead of the emulator, with the API
                                      key in $DEVCASTER_API_KEY (never on the command line)
              --base-url URL          with --real-devcaster: the API URL (default: $DEVCASTER_BASE_URL or
                                      https://backend.devcaster.dev)
              --keep                  on a real cluster or service, leave the applied Triggers when stopping
                                      (default: delete them, so the operator removes their remote triggers)
            """;
    }

    static SandboxOptions parse(String[] args, Map<String, String> env) {
        int emulatorPort = DEFAULT_EMULATOR_PORT;
        int httpPort = DEFAULT_HTTP_PORT;
        String namespace = DEFAULT_NAMESPACE;
        String kubeconfigFlag = null;
        boolean currentContext = false;
        boolean realDevcaster = false;
        String baseUrlFlag = null;
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
                case "--use-current-context" -> currentContext = true;
                case "--real-devcaster" -> realDevcaster = true;
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
                        case "--base-url" -> baseUrlFlag = value;
                        default -> throw usageError("unknown option " + arg);
                    }
                }
            }
        }
        if (help) {
            return new SandboxOptions(emulatorPort, httpPort, namespace, Optional.empty(), false, Optional.empty(),
                URI.create(DEFAULT_BASE_URL), List.of(), once, timeout, stateDir, cacheRoot, "", keep, plain, true);
        }

        if (kubeconfigFlag != null && currentContext) {
            throw usageError("--kubeconfig and --use-current-context both pick a cluster; pass one of them");
        }
        Optional<Path> kubeconfig = Optional.ofNullable(kubeconfigFlag).map(Path::of);
        if (kubeconfig.isPresent() && !Files.isReadable(kubeconfig.get())) {
            throw new SandboxException("kubeconfig " + kubeconfig.get() + " (from --kubeconfig) is not readable",
                "fix the path, or leave out --kubeconfig to start a local kube-apiserver");
        }

        Optional<String> apiKey = Optional.empty();
        if (realDevcaster) {
            apiKey = Optional.ofNullable(blankToNull(env.get(API_KEY_VARIABLE))).map(String::trim);
            if (apiKey.isEmpty()) {
                throw new SandboxException("--real-devcaster needs the project API key in $" + API_KEY_VARIABLE,
                    "export " + API_KEY_VARIABLE + "=<your project API key> and run again (keys never go on the"
                        + " command line), or leave out --real-devcaster to use the emulator");
            }
        } else if (baseUrlFlag != null) {
            throw usageError("--base-url is the real service's URL: pass --real-devcaster too, or leave it out");
        }
        String baseUrl = baseUrlFlag != null ? baseUrlFlag : blankToNull(env.get("DEVCASTER_BASE_URL"));
        URI base;
        try {
            base = URI.create(baseUrl == null || !realDevcaster ? DEFAULT_BASE_URL : baseUrl);
            if (base.getHost() == null || !base.getScheme().startsWith("http")) {
                throw new IllegalArgumentException();
            }
        } catch (RuntimeException e) {
            throw usageError("--base-url / DEVCASTER_BASE_URL '" + baseUrl + "' is not an http(s) URL");
        }
        String version = Optional.ofNullable(blankToNull(env.get("K8S_VERSION"))).orElse("1.34.4");
        return new SandboxOptions(emulatorPort, httpPort, namespace, kubeconfig, currentContext, apiKey, base,
            List.copyOf(manifests), once, timeout, stateDir.toAbsolutePath().normalize(), cacheRoot, version, keep,
            plain, false);
    }

    boolean localCluster() {
        return kubeconfig.isEmpty() && !currentContext;
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

    /** The sandbox, the operator and the emulator log here. */
    Path logFile() {
        return stateDir.resolve("sandbox.log");
    }

    /** kube-apiserver and etcd write here. */
    Path controlPlaneLogFile() {
        return stateDir.resolve("control-plane.log");
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
