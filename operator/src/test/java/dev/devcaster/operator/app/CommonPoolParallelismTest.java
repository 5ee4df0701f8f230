package dev.devcaster.operator.app;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * In a JVM of its own, because the setting only counts before the common pool exists: what the
 * JDK HTTP client's {@code sendAsync} answers cost in threads on one CPU, the chart's limit.
 */
@Timeout(120)
class CommonPoolParallelismTest {

    private static final int REQUESTS = 200;

    @Test
    void answersOnOneCpuReuseThreads() throws Exception {
        assertThat(child("-XX:ActiveProcessorCount=1", "raise")).as("parallelism, threads started, warning")
            .isEqualTo(List.of("2", "few", "no warning"));
    }

    @Test
    void withoutItEveryAnswerStartsAThread() throws Exception {
        // JDK 25 runs CompletableFuture's tasks in the common pool at any parallelism (checked here with Temurin 25).
        assumeTrue(Runtime.version().feature() < 25, "a JDK with a thread per task at parallelism 1");
        assertThat(child("-XX:ActiveProcessorCount=1", "keep")).as("the JDK's default this guards against")
            .isEqualTo(List.of("1", "one per answer", "warns"));
    }

    @Test
    void aParallelismTheJvmWasGivenIsKept() throws Exception {
        assertThat(child("-D" + CommonPoolParallelism.PROPERTY + "=3", "raise").get(0)).isEqualTo("3");
    }

    @Test
    void onManyCpusItIsTheJdksOwnDefault() throws Exception {
        String jdks = child("-XX:ActiveProcessorCount=8", "keep").get(0);
        assertThat(jdks).isEqualTo("7");
        assertThat(child("-XX:ActiveProcessorCount=8", "raise").get(0)).isEqualTo(jdks);
    }

    /** The child's standard output, line by line; options from the environment could change what it measures. */
    private static List<String> child(String jvmOption, String mode) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            jvmOption, "-cp", System.getProperty("java.class.path"), Child.class.getName(), mode));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().keySet().removeAll(List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"));
        Process process = builder.start();
        try {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(out).isTrue();
            assertThat(process.exitValue()).as(out).isZero();
            return out.lines().toList();
        } finally {
            process.destroyForcibly();
        }
    }

    /** Sends {@value #REQUESTS} requests one after another with {@code sendAsync}, as Fabric8 does. */
    public static final class Child {

        public static void main(String[] args) throws Exception {
            if (args[0].equals("raise")) {
                CommonPoolParallelism.atLeastTwo();
            }
            System.out.println(ForkJoinPool.getCommonPoolParallelism());
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
            ExecutorService executor = Executors.newFixedThreadPool(2);
            HttpClient client = HttpClient.newBuilder().executor(executor).build();
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            client.sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).join();
            var threads = ManagementFactory.getThreadMXBean();
            long before = threads.getTotalStartedThreadCount();
            for (int i = 0; i < REQUESTS; i++) {
                client.sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).join();
            }
            long started = threads.getTotalStartedThreadCount() - before;
            System.out.println(started >= REQUESTS ? "one per answer" : started < 10 ? "few" : started + " threads");
            System.out.println(CommonPoolParallelism.threadPerTask().isPresent() ? "warns" : "no warning");
            server.stop(0);
            executor.shutdownNow();
            System.exit(0);
        }
    }
}
