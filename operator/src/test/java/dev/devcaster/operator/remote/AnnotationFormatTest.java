package dev.devcaster.operator.remote;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The annotation's format, checked against the regular expression that states it. */
class AnnotationFormatTest {

    private static final Pattern SPEC = Pattern.compile(
        "v1:([0-9a-f]{12}):([A-Z][A-Z0-9_]{0,127}):(ca_[A-Za-z0-9_-]{1,128}):([0-9a-f]{16}):([0-9a-f]{16})");
    private static final String VALID = "v1:7007eeb3a4e8:GITHUB_COMMIT_EVENT:ca_54t2wj4uopo7:5c698d75cae9923a:b7f56e737870f0a6";
    private static final String ALPHABET = "v1:0123456789abcdefABCDEFXYZ_-ca.: /\u00e9";

    @Test
    void aValidAnnotationGivesItsParts() {
        assertThat(AnnotationFormat.parse(VALID)).hasValueSatisfying(parts -> assertThat(parts).containsExactly(
            "v1", "7007eeb3a4e8", "GITHUB_COMMIT_EVENT", "ca_54t2wj4uopo7", "5c698d75cae9923a", "b7f56e737870f0a6"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "v1",
        "v2:7007eeb3a4e8:GITHUB_COMMIT_EVENT:ca_54t2wj4uopo7:5c698d75cae9923a:b7f56e737870f0a6",
        "v1:7007EEB3A4E8:GITHUB_COMMIT_EVENT:ca_54t2wj4uopo7:5c698d75cae9923a:b7f56e737870f0a6",
        "v1:7007eeb3a4e:GITHUB_COMMIT_EVENT:ca_54t2wj4uopo7:5c698d75cae9923a:b7f56e737870f0a6",
        "v1:7007eeb3a4e8:github_commit_event:ca_54t2wj4uopo7:5c698d75cae9923a:b7f56e737870f0a6",
        "v1:7007eeb3a4e8:_GITHUB:ca_54t2wj4uopo7:5c698d75cae9923a:b7f56e737870f0a6",
        "v1:7007eeb3a4e8:GITHUB_COMMIT_EVENT:ca_:5c698d75cae9923a:b7f56e737870f0a6",
        "v1:7007eeb3a4e8:GITHUB_COMMIT_EVENT:54t2wj4uopo7:5c698d75cae9923a:b7f56e737870f0a6",
        "v1:7007eeb3a4e8:GITHUB_COMMIT_EVENT:ca_54t2/../x:5c698d75cae9923a:b7f56e737870f0a6",
        "v1:7007eeb3a4e8:GITHUB_COMMIT_EVENT:ca_54t2wj4uopo7:5c698d75cae9923a:b7f56e737870f0a6:",
        "v1:7007eeb3a4e8:GITHUB_COMMIT_EVENT:ca_54t2wj4uopo7:5c698d75cae9923a:b7f56e737870f0a",
        "v1:7007eeb3a4e8:GITHUB_COMMIT_EVENT:ca_54t2wj4uopo7:5c698d75cae9923a:b7f56e737870f0a6 ",
        "v1:7007eeb3a4e8::ca_54t2wj4uopo7:5c698d75cae9923a:b7f56e737870f0a6",
    })
    void anythingElseIsNoIdentity(String text) {
        assertThat(AnnotationFormat.parse(text)).isEmpty();
        assertThat(SPEC.matcher(text).matches()).as("the spec agrees").isFalse();
    }

    @Test
    void theLongestSlugAndAccountTheFormatAllowsAndOneMore() {
        String slug = "A" + "_".repeat(127);
        String account = "ca_" + "x".repeat(128);
        String valid = "v1:7007eeb3a4e8:" + slug + ":" + account + ":5c698d75cae9923a:b7f56e737870f0a6";
        assertThat(AnnotationFormat.parse(valid)).isPresent();
        assertThat(AnnotationFormat.parse(valid.replace(slug, slug + "_"))).isEmpty();
        assertThat(AnnotationFormat.parse(valid.replace(account, account + "x"))).isEmpty();
    }

    @Test
    void acceptsExactlyWhatTheRegularExpressionAccepts() {
        Random random = new Random(42);
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            String text = mutate(VALID, random);
            boolean spec = SPEC.matcher(text).matches();
            assertThat(AnnotationFormat.parse(text).isPresent()).as(text).isEqualTo(spec);
            accepted += spec ? 1 : 0;
        }
        assertThat(accepted).as("both kinds of text were tried").isBetween(1_000, 19_000);
    }

    /** One to three random edits: a character replaced, inserted or removed. */
    private static String mutate(String text, Random random) {
        StringBuilder s = new StringBuilder(text);
        for (int edits = 1 + random.nextInt(3); edits > 0 && !s.isEmpty(); edits--) {
            int at = random.nextInt(s.length());
            char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            switch (random.nextInt(3)) {
                case 0 -> s.setCharAt(at, c);
                case 1 -> s.insert(at, c);
                default -> s.deleteCharAt(at);
            }
        }
        return s.toString();
    }
}
