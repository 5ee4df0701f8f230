package dev.devcaster.operator;

import dev.devcaster.operator.app.ClassDataArchive;
import dev.devcaster.operator.app.CommonPoolParallelism;
import dev.devcaster.operator.app.DevcasterOperator;
import dev.devcaster.operator.app.Seams;
import dev.devcaster.operator.app.StartupTraining;
import dev.devcaster.operator.config.ConfigException;
import dev.devcaster.operator.config.OperatorConfig;
import dev.devcaster.operator.kubernetes.ClusterClient;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Entry point: configuration from the environment, then the operator until SIGTERM. With
 * {@code --training}, the image build's training run instead ({@link StartupTraining}), then exit.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--training")) {
            StartupTraining.run();
            // Not a return: a thread the training left must not hold the image build (the archive is written at exit).
            System.exit(0);
        }
        CommonPoolParallelism.atLeastTwo();
        OperatorConfig config;
        try {
            config = OperatorConfig.fromSystem();
        } catch (ConfigException e) {
            System.err.println("devcaster-operator: invalid configuration:");
            e.problems().forEach(p -> System.err.println("  " + p));
            System.exit(2);
            return;
        }
        // The first logger configures Logback (LogConfiguration), from the same LOG_FORMAT and LOG_LEVEL.
        Logger log = LoggerFactory.getLogger(Main.class);
        log.info("starting with {}", config);
        ClassDataArchive.unmapped(ManagementFactory.getRuntimeMXBean().getInputArguments(), Path.of("/proc/self/maps"))
            .ifPresent(log::warn);
        CommonPoolParallelism.threadPerTask().ifPresent(log::warn);

        KubernetesClient client = ClusterClient.of(new ConfigBuilder().build());
        DevcasterOperator operator = DevcasterOperator.create(config, client, Seams.production());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info(config.leaderElection() ? "stopping: finishing in-flight reconciles and releasing the leader lease"
                : "stopping: finishing in-flight reconciles");
            operator.close();
            client.close();
            stopped.countDown();
        }, "shutdown"));
        try {
            operator.start();
        } catch (RuntimeException e) {
            // Exit, so Kubernetes restarts the pod and shows why, instead of serving a healthy /healthz.
            log.error("could not start: {}", e.getMessage(), e);
            System.exit(1);
        }
        log.info("started; health and metrics on port {}", operator.httpPort() == 0 ? "(off)" : operator.httpPort());
        stopped.await();
    }
}
