package dev.devcaster.plugin.manifests;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Names of exported Triggers: {@code <slug>-<user>-<id suffix>}, e.g.
 * {@code github-commit-event-alice-x1b2c3} for {@code GITHUB_COMMIT_EVENT} of user {@code alice} on
 * {@code ti_…x1b2c3}. A valid DNS-1123 label (at most 63 characters), the same on every run: it
 * depends only on the instance, never on the order or the time of the export.
 */
public final class TriggerNames {

    /** What a name is made of. */
    public record Parts(String triggerId, String slug, String user) {
    }

    static final int MAX = 63;
    private static final int SUFFIX = 6;
    private static final int MAX_USER = 20;

    private TriggerNames() {
    }

    /** The name of one instance, when no other instance of the same export has the same one. */
    public static String of(Parts parts) {
        return compose(parts, suffix(parts.triggerId(), SUFFIX));
    }

    /**
     * Names for a whole export. Two instances whose short names collide (same slug, user and id
     * suffix: rare) both get a longer suffix, so no name depends on which instance came first.
     */
    public static Map<String, String> assign(List<Parts> all) {
        Map<String, List<Parts>> byShortName = all.stream().collect(Collectors.groupingBy(TriggerNames::of));
        Map<String, String> names = new HashMap<>();
        byShortName.forEach((shortName, group) -> group.forEach(p -> names.put(p.triggerId(),
            group.size() == 1 ? shortName : compose(p, suffix(p.triggerId(), 16)))));
        return names;
    }

    private static String compose(Parts parts, String suffix) {
        String user = clean(parts.user() == null ? "" : parts.user());
        user = trim(user, MAX_USER);
        String slug = clean(parts.slug());
        int room = MAX - suffix.length() - 1 - (user.isEmpty() ? 0 : user.length() + 1);
        slug = trim(slug, room);
        if (slug.isEmpty()) {
            slug = "trigger";
        }
        return slug + (user.isEmpty() ? "" : "-" + user) + "-" + suffix;
    }

    /** The id's own characters when they are name-safe (lower-case letters and digits), else a hash of it. */
    private static String suffix(String triggerId, int length) {
        String tail = triggerId.startsWith("ti_") ? triggerId.substring(3) : triggerId;
        if (tail.matches("[a-z0-9]+")) {
            return tail.length() <= length ? tail : tail.substring(tail.length() - length);
        }
        return sha256(triggerId).substring(0, length);
    }

    /** Lower case; every run of other characters becomes one dash; no dash at either end. */
    private static String clean(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    }

    private static String trim(String text, int max) {
        return text.length() <= max ? text : text.substring(0, Math.max(0, max)).replaceAll("-+$", "");
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE ships SHA-256", e);
        }
    }
}
