package dev.devcaster.operator.remote;

import dev.devcaster.operator.client.DevcasterCredentials;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RemoteIdentityTest {

    static final URI URL = URI.create("http://devcaster.test");
    static final DevcasterCredentials KEY = new DevcasterCredentials(URL, "dk_project_a");
    static final DevcasterCredentials OTHER = new DevcasterCredentials(URL, "dk_project_b");
    static final RemoteIdentity IDENTITY = new RemoteIdentity(KEY.fingerprint(), "github_commit_event", "ca_1",
        "0123456789abcdef");

    @Test
    void whatTheProjectsKeySignedForThisTriggerIsReadBack() {
        String annotation = IDENTITY.format(KEY, "uid-1");

        assertThat(RemoteIdentity.signed(annotation, KEY, "uid-1")).contains(IDENTITY);
        assertThat(RemoteIdentity.signed(annotation, KEY, "uid-2")).as("copied onto another Trigger").isEmpty();
        assertThat(RemoteIdentity.claimed(annotation)).contains(IDENTITY);
    }

    @Test
    void aClaimOfAProjectSignedWithAnotherKeyOrAlteredIsNotSigned() {
        String annotation = IDENTITY.format(KEY, "uid-1");
        String otherAccount = annotation.replace(":ca_1:", ":ca_2:");
        String body = annotation.substring(0, annotation.lastIndexOf(':'));
        String otherSigner = body + ":" + new RemoteIdentity(OTHER.fingerprint(), "GITHUB_COMMIT_EVENT", "ca_1",
            "0123456789abcdef").format(OTHER, "uid-1").substring(annotation.lastIndexOf(':') + 1);

        assertThat(RemoteIdentity.signed(otherAccount, KEY, "uid-1")).isEmpty();
        assertThat(RemoteIdentity.signed(otherSigner, KEY, "uid-1")).isEmpty();
        assertThat(RemoteIdentity.signed(annotation, OTHER, "uid-1")).as("names another project").isEmpty();
        assertThat(RemoteIdentity.claimed(otherAccount)).isPresent();
        assertThat(RemoteIdentity.claimed("v1:../../x")).isEmpty();
        assertThatThrownBy(() -> IDENTITY.format(OTHER, "uid-1")).isInstanceOf(IllegalArgumentException.class);
    }
}
