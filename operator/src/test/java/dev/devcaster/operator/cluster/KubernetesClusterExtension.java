package dev.devcaster.operator.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands tests a {@link KubernetesClient} (cluster-admin), the {@link TestCluster} and a fresh
 * {@link TestNamespace}. One cluster serves the whole test run, with the Trigger CRD installed;
 * each test method gets its own namespace so tests never see each other's resources.
 */
public class KubernetesClusterExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(KubernetesClusterExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KubernetesClient.class || type == TestCluster.class || type == TestNamespace.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestCluster cluster = cluster(context);
        Class<?> type = parameter.getParameter().getType();
        if (type == TestCluster.class) {
            return cluster;
        }
        if (type == KubernetesClient.class) {
            return cluster.client();
        }
        return context.getStore(STORE).getOrComputeIfAbsent(TestNamespace.class,
                key -> TestNamespace.create(cluster.client(), context.getRequiredTestMethod().getName()), TestNamespace.class);
    }

    static TestCluster cluster(ExtensionContext context) {
        return context.getRoot().getStore(STORE).getOrComputeIfAbsent(TestCluster.class, key -> {
            String kind = System.getProperty("test.cluster", "apiserver");
            TestCluster cluster = TestCluster.start(kind);
            System.out.println("[test-cluster] running against " + cluster.describe());
            CrdInstaller.install(cluster.client());
            return cluster;
        }, TestCluster.class);
    }
}
