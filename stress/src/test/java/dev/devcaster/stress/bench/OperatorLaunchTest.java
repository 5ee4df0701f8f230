package dev.devcaster.stress.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OperatorLaunchTest {

    @Test
    void theSettingsTheOperatorReports() {
        var settings = OperatorLaunch.parseSettings("{DEVCASTER_API_KEY=(set), DEFAULT_API_KEY_NAMESPACES=[a, b], "
            + "RESYNC_PERIOD=PT1M, DEFAULT_TOOLKIT_VERSIONS={github=20250909_00, slack=latest}, "
            + "RECONCILE_CONCURRENCY=10, DEVCASTER_RATE_LIMIT=100.0, SHARD_SELECTOR=, HTTP_BIND_ADDRESS=0.0.0.0}");

        assertThat(settings)
            .containsEntry("DEVCASTER_API_KEY", "(set)")
            .containsEntry("DEFAULT_API_KEY_NAMESPACES", "[a, b]")
            .containsEntry("DEFAULT_TOOLKIT_VERSIONS", "{github=20250909_00, slack=latest}")
            .containsEntry("DEVCASTER_RATE_LIMIT", "100.0")
            .containsEntry("SHARD_SELECTOR", "")
            .containsEntry("HTTP_BIND_ADDRESS", "0.0.0.0");
    }

    @Test
    void theJvmsOwnChoiceOfHeapAndCollector() {
        JvmSizing sizing = JvmSizing.parse("""
            [Global flags]
                 size_t MaxHeapSize                              = 402653184                                 {product} {ergonomic}
                 bool UseG1GC                                  = false                                     {product} {default}
                 bool UseSerialGC                              = true                                      {product} {ergonomic}
            openjdk version "17.0.15" 2025-04-15
            """);

        assertThat(sizing.maxHeapBytes()).isEqualTo(402_653_184L);
        assertThat(sizing.collector()).isEqualTo("SerialGC");
    }
}
