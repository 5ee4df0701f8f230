package dev.devcaster.operator.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiCallTest {

    private static final URI BASE = URI.create("https://backend.devcaster.dev/");

    @Test
    void encodesPathSegmentsAndQueryValues() {
        ApiCall call = ApiCall.get("/connected_accounts/{id}", "ca_1-A.b")
                .query("user_ids", List.of("a b", "c&d"))
                .query("toolkit_versions[github]", "20250909_00")
                .query("cursor", null)
                .query("statuses", List.of());

        assertThat(call.uri(BASE).toString()).isEqualTo("https://backend.devcaster.dev/api/v3/connected_accounts/"
                + "ca_1-A.b?user_ids=a%20b%2Cc%26d&toolkit_versions%5Bgithub%5D=20250909_00");
        assertThat(call.endpoint()).isEqualTo("GET /connected_accounts/{id}");
    }

    @Test
    void refusesAnEmptyIdInsteadOfCallingTheListRoute() {
        assertThatThrownBy(() -> ApiCall.delete("/trigger_instances/manage/{id}", ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "ti_1/../../connected_accounts", "ca 1", "ti_1?x=y", ".", "ti_1%2F..", "../ti_1"})
    void refusesAValueThatIsNotAnIdBeforeAnythingIsSent(String value) {
        assertThatThrownBy(() -> ApiCall.delete("/trigger_instances/manage/{id}", value))
                .isInstanceOfSatisfying(RejectedException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.getMessage()).contains("not a Devcaster id").doesNotContain("/..");
                });
    }
}
