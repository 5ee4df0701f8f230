package dev.devcaster.operator.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AuthConfigsApiIT extends EmulatorTestBase {

    @Test
    void listsAndGetsAuthConfigs() {
        String github = project.addAuthConfig("github").id();
        String slack = project.addAuthConfig("slack").id();
        project.addAuthConfig("gmail");

        List<AuthConfig> filtered = client.authConfigs().listAll(credentials, List.of("github", "slack"), false);
        Page<AuthConfig> page = client.authConfigs().list(credentials, List.of(), true, null);
        AuthConfig one = client.authConfigs().get(credentials, github);

        assertThat(filtered).extracting(AuthConfig::id).containsExactlyInAnyOrder(github, slack);
        assertThat(page.items()).hasSize(3);
        assertThat(one.toolkit().slug()).isEqualTo("github");
        assertThat(one.status()).isEqualTo("ENABLED");
        assertThat(one.name()).isNotBlank();
        assertThat(one.createdAt()).isNotNull();
    }

    @Test
    void unknownAuthConfigIsNotFound() {
        assertThatThrownBy(() -> client.authConfigs().get(credentials, "ac_missing"))
                .isInstanceOf(NotFoundException.class);
    }
}
