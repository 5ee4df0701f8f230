package dev.devcaster.operator.config;

import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardSelectorTest {

    static final String SHARD = "devcaster.dev/shard";

    @Test
    void blankSelectsEverything() {
        assertThat(ShardSelector.parse("  ").selectsAll()).isTrue();
        assertThat(ShardSelector.parse(null).matches(null)).isTrue();
        assertThat(ShardSelector.parse("").text()).isEmpty();
    }

    @Test
    void equalityAndInequalityFollowTheApiServer() {
        ShardSelector b = ShardSelector.parse(" devcaster.dev/shard = b ");
        assertThat(b.text()).isEqualTo("devcaster.dev/shard = b");
        assertThat(b.matches(Map.of(SHARD, "b"))).isTrue();
        assertThat(b.matches(Map.of(SHARD, "a"))).isFalse();
        assertThat(b.matches(Map.of())).isFalse();
        assertThat(ShardSelector.parse(SHARD + "==b").matches(Map.of(SHARD, "b"))).isTrue();

        // != also selects objects without the label, as the API server does.
        ShardSelector notB = ShardSelector.parse(SHARD + "!=b");
        assertThat(notB.matches(Map.of(SHARD, "a"))).isTrue();
        assertThat(notB.matches(null)).isTrue();
        assertThat(notB.matches(Map.of(SHARD, "b"))).isFalse();

        ShardSelector emptyValue = ShardSelector.parse(SHARD + "=");
        assertThat(emptyValue.matches(Map.of(SHARD, ""))).isTrue();
        assertThat(emptyValue.matches(Map.of())).isFalse();
    }

    @Test
    void setsPresenceAndConjunctions() {
        ShardSelector in = ShardSelector.parse(SHARD + " in (a, b),tier");
        assertThat(in.matches(Map.of(SHARD, "b", "tier", "x"))).isTrue();
        assertThat(in.matches(Map.of(SHARD, "b"))).isFalse();
        assertThat(in.matches(Map.of(SHARD, "c", "tier", "x"))).isFalse();

        ShardSelector notIn = ShardSelector.parse(SHARD + " notin (a,b), !legacy");
        assertThat(notIn.matches(Map.of())).isTrue();
        assertThat(notIn.matches(Map.of(SHARD, "c"))).isTrue();
        assertThat(notIn.matches(Map.of(SHARD, "a"))).isFalse();
        assertThat(notIn.matches(Map.of("legacy", "true"))).isFalse();
    }

    @Test
    void theStructuredFormSaysTheSame() {
        assertThat(ShardSelector.parse(SHARD + "=b, tier!=x, " + SHARD + " notin (c,d), gpu, !legacy")
            .asLabelSelector().getMatchExpressions()).containsExactly(
                new LabelSelectorRequirement(SHARD, "In", List.of("b")),
                new LabelSelectorRequirement("tier", "NotIn", List.of("x")),
                new LabelSelectorRequirement(SHARD, "NotIn", List.of("c", "d")),
                new LabelSelectorRequirement("gpu", "Exists", null),
                new LabelSelectorRequirement("legacy", "DoesNotExist", null));
        assertThat(ShardSelector.all().asLabelSelector().getMatchExpressions()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"=b", "shard in ()", "shard in (a", "shard in a,b)", "shard=a b", "shard=-a",
        "Bad_Prefix/shard=a", "shard=a,", "shard>1", "shard in ((a))"})
    void anythingElseIsRefusedWithAnExample(String text) {
        assertThatThrownBy(() -> ShardSelector.parse(text)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("label selector");
    }
}
