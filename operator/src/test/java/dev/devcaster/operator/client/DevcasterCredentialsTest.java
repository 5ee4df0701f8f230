package dev.devcaster.operator.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class DevcasterCredentialsTest {

    private static final URI BASE = URI.create("https://backend.devcaster.dev");

    @Test
    void fingerprintIsShortStableAndPerKey() {
        DevcasterCredentials a = new DevcasterCredentials(BASE, "dk_aaaaaaaaaaaa");

        assertThat(a.fingerprint()).hasSize(12).isEqualTo(new DevcasterCredentials(BASE, "dk_aaaaaaaaaaaa").fingerprint())
                .isNotEqualTo(new DevcasterCredentials(BASE, "dk_bbbbbbbbbbbb").fingerprint());
        assertThat(a.toString()).doesNotContain("dk_aaaaaaaaaaaa").contains(a.fingerprint()).contains(BASE.toString());
    }

    @Test
    void stripsTheTrailingNewlineOfAKeyFromAFile() {
        assertThat(new DevcasterCredentials(BASE, "dk_aaaaaaaaaaaa\n")).isEqualTo(new DevcasterCredentials(BASE, "dk_aaaaaaaaaaaa"));
    }
}
