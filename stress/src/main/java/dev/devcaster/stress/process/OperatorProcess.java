package dev.devcaster.stress.process;

import dev.devcaster.operator.config.Setting;
import dev.devcaster.operator.config.Settings;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The operator as its own OS process: {@code java -cp devcaster-operator.jar:lib/* dev.devcaster.operator.Main}
 * with an environment built from the operator's own {@link Settings} names, stdout and stderr in
 * one log file. It can be SIGKILLed ({@link #sigkill()}), frozen ({@link #sigstop()}, {@link #sigcont()})
 * or stopped gracefully ({@link #sigterm()});
 * its resident memory is read from {@code /proc/<pid>/status}.
 *
 * <pre>{@code
 * OperatorProcess op = OperatorProcess.builder(OperatorProcess.Jar.fromSystem())
 *     .kubeconfig(controlPlane.kubeconfig())
 *     .set(Settings.BASE_URL, emulator.baseUrl().toString())
 *     .set(Settings.API_KEY, "dk_...")
 *     .logFile(dir.resolve("replica-a.log"))
 *     .start();
 * op.awaitReady(Duration.ofSeconds(60));
 * }</pre>
 */
public final class OperatorProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path logFile;
    private final int httpPort;
    private final Instant started;
    private final Map<String, String> environment;

    private OperatorProcess(String name, Process process, Path logFile, int httpPort, Map<String, String> environment) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.httpPort = httpPort;
        this.environment = environment;
        this.started = Instant.now();
    }

    /** The packaged operator: the jar and the folder with its runtime libraries. */
    public record Jar(Path jar, Path lib) {

        /** {@code -Dstress.operator.jar}, else {@code operator/target/devcaster-operator.jar} under the repository. */
        public static Jar fromSystem() {
            Path jar = Path.of(System.getProperty("stress.operator.jar",
                repoRoot().resolve("operator/target/devcaster-operator.jar").toString()));
            return new Jar(jar, jar.resolveSibling("lib"));
        }

        public void requirePackaged() {
            if (!Files.isRegularFile(jar) || !Files.isDirectory(lib)) {
                throw new IllegalStateException("the operator is not packaged (" + jar + ", " + lib + "); run "
                    + "mvn -B -pl stress -am package first (the reactor builds it, no mvn install)");
            }
        }

        String classpath() {
            return jar + File.pathSeparator + lib + File.separator + "*";
        }
    }

    /** The repository root: {@code -Dstress.repo.root}, else the first parent of the working dir with hack/. */
    public static Path repoRoot() {
        String configured = System.getProperty("stress.repo.root");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("hack/control-plane.sh"))) {
                return p;
            }
        }
        return dir;
    }

    /** The {@code java} launcher of this JVM: every process the programs start runs the same JDK. */
    public static Path javaLauncher() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    public static Builder builder(Jar jar) {
        return new Builder(jar);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    public Path logFile() {
        return logFile;
    }

    /** 0 when /healthz, /readyz and /metrics are off. */
    public int httpPort() {
        return httpPort;
    }

    public Instant started() {
        return started;
    }

    /** The environment the process was started with (the API key included: never print it). */
    public Map<String, String> environment() {
        return environment;
    }

    /** SIGKILL: no shutdown hook runs, the Lease is not released, in-flight work is cut off. */
    public void sigkill() {
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(30));
    }

    /** SIGTERM: the operator finishes in-flight reconciles and releases the Lease. */
    public boolean sigterm(Duration grace) {
        process.destroy();
        return waitForExit(grace);
    }

    /** SIGSTOP: the process freezes (a long GC pause, a stalled node) and keeps whatever it holds. */
    public void sigstop() {
        signal("STOP");
    }

    /** SIGCONT: a stopped process runs on, with the view of the world it had when it stopped. */
    public void sigcont() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-s", name, Long.toString(process.pid()))
                .redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -s " + name + " " + process.pid() + " failed: "
                    + new String(kill.getInputStream().readAllBytes()).trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Resident set size in KiB ({@code VmRSS}), empty when the process is gone. */
    public OptionalLong rssKb() {
        return procStatus(process.pid(), "VmRSS");
    }

    /** Peak resident set size in KiB ({@code VmHWM}), empty when the process is gone. */
    public OptionalLong peakRssKb() {
        return procStatus(process.pid(), "VmHWM");
    }

    /** A field of {@code /proc/<pid>/status} in KiB, e.g. VmRSS. */
    public static OptionalLong procStatus(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return OptionalLong.of(Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone, or not Linux
        }
        return OptionalLong.empty();
    }

    /** Whether {@code /readyz} answers 200 now. */
    public boolean ready() {
        if (httpPort == 0 || !process.isAlive()) {
            return false;
        }
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/readyz")).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits for {@code /readyz}; fails at once, with the log's tail, when the process exits. */
    public Duration awaitReady(Duration timeout) {
        if (httpPort == 0) {
            throw new IllegalStateException(name + ": HTTP_PORT=0, no /readyz to wait for");
        }
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " (pid " + pid() + ") exited with " + process.exitValue()
                    + " before it was ready; " + logFile + ":\n" + ProcessLogs.tail(logFile, 30));
            }
            if (ready()) {
                return Duration.between(started, Instant.now());
            }
            Sleeps.millis(100);
        }
        throw new IllegalStateException(name + " not ready after " + timeout + "; " + logFile + ":\n"
            + ProcessLogs.tail(logFile, 30));
    }

    @Override
    public void close() {
        if (process.isAlive() && !sigterm(Duration.ofSeconds(25))) {
            sigkill();
        }
    }

    @Override
    public String toString() {
        return name + "(pid " + pid() + ")";
    }

    /** Builds the process's command line and environment. */
    public static final class Builder {
        /** Inherited variables that would change what the operator does; only what is set here reaches it. */
        private static final List<String> SCRUBBED = List.of("KUBECONFIG", "POD_NAMESPACE", "HOSTNAME",
            "JAVA_TOOL_OPTIONS", "DEFAULT_API_KEY_NAMESPACES", "OPERATOR_NAMESPACE", "KEY_VAULT_SECRET",
            "KUBERNETES_SERVICE_HOST", "KUBERNETES_SERVICE_PORT", "KUBERNETES_MASTER", "KUBERNETES_AUTH_TOKEN");

        private final Jar jar;
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<String> jvmArgs = new ArrayList<>(List.of("-Xmx384m", "-XX:+UseSerialGC"));
        private String name = "operator";
        private Path logFile;
        private String classpath;

        private Builder(Jar jar) {
            this.jar = jar;
            set(Settings.HTTP_PORT, "auto");
        }

        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /** The cluster: the admin kubeconfig of the test apiserver. */
        public Builder kubeconfig(Path file) {
            return env("KUBECONFIG", file.toAbsolutePath().toString());
        }

        /** The cluster, reached as a pod reaches it: a ServiceAccount token and the CA, no kubeconfig. */
        public Builder podIdentity(PodIdentity identity) {
            env.remove("KUBECONFIG");
            env.putAll(identity.environment());
            return this;
        }

        /** An operator setting by its declared environment variable; {@code HTTP_PORT=auto} picks a free port. */
        public Builder set(Setting<?> setting, String value) {
            return env(setting.env(), value);
        }

        /** Any environment variable, also one the operator does not know yet (it ignores those). */
        public Builder env(String variable, String value) {
            if (value == null) {
                env.remove(variable);
            } else {
                env.put(variable, value);
            }
            return this;
        }

        /** Another classpath of the same jar and libraries (the image's order); default {@code jar:lib/*}. */
        public Builder classpath(String value) {
            this.classpath = value;
            return this;
        }

        public Builder jvmArgs(List<String> args) {
            jvmArgs.clear();
            jvmArgs.addAll(args);
            return this;
        }

        public Builder logFile(Path file) {
            this.logFile = file;
            return this;
        }

        public OperatorProcess start() {
            jar.requirePackaged();
            Map<String, String> resolved = new LinkedHashMap<>(env);
            int port = "auto".equals(resolved.get(Settings.HTTP_PORT.env())) ? freePort()
                : Integer.parseInt(resolved.getOrDefault(Settings.HTTP_PORT.env(), "0"));
            resolved.put(Settings.HTTP_PORT.env(), Integer.toString(port));
            Path log = logFile != null ? logFile : Path.of("target", name + ".log");
            List<String> command = new ArrayList<>();
            command.add(javaLauncher().toString());
            command.addAll(jvmArgs);
            command.add("-cp");
            command.add(classpath != null ? classpath : jar.classpath());
            command.add("dev.devcaster.operator.Main");
            try {
                Files.createDirectories(log.toAbsolutePath().getParent());
                ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
                Map<String, String> environment = builder.environment();
                Settings.ALL.forEach(s -> {
                    environment.remove(s.env());
                    if (s.fallbackEnv() != null) {
                        environment.remove(s.fallbackEnv());
                    }
                });
                SCRUBBED.forEach(environment::remove);
                environment.putAll(resolved);
                Process process = builder.start();
                process.getOutputStream().close();
                return new OperatorProcess(name, process, log, port, Map.copyOf(resolved));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
            }
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                socket.setReuseAddress(true);
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("no free port", e);
            }
        }
    }
}
