package dev.devcaster.sandbox.triggers;

import java.util.ArrayList;
import java.util.List;

/** The Triggers as {@code kubectl get triggers} shows them (name, slug, user, trigger id, state, ready, reason). */
final class TriggerTable {

    static final List<String> HEADER = List.of("NAME", "SLUG", "USER", "TRIGGER ID", "STATE", "READY", "REASON");

    private TriggerTable() {
    }

    /** Dropped in this order when the table is wider than the terminal: the messages show the ids. */
    private static final List<String> OPTIONAL = List.of("TRIGGER ID", "SLUG", "USER");

    /** Aligned columns, two spaces apart; a missing value shows as {@code -}. */
    static List<String> render(List<TriggerSnapshot> triggers) {
        return render(triggers, 0);
    }

    /** As {@link #render(List)}, dropping less important columns until it fits {@code maxWidth} (0 = any width). */
    static List<String> render(List<TriggerSnapshot> triggers, int maxWidth) {
        List<String> columns = new ArrayList<>(HEADER);
        List<String> lines = render(triggers, columns);
        for (String optional : OPTIONAL) {
            if (maxWidth <= 0 || lines.stream().allMatch(l -> l.length() < maxWidth)) {
                break;
            }
            columns.remove(optional);
            lines = render(triggers, columns);
        }
        return lines;
    }

    private static List<String> render(List<TriggerSnapshot> triggers, List<String> columns) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(columns);
        for (TriggerSnapshot t : triggers) {
            List<String> all = List.of(t.name(), dash(t.slug()), dash(t.user()), dash(t.triggerId()), dash(t.state()),
                dash(t.ready()), dash(t.reason()));
            List<String> row = new ArrayList<>();
            for (String column : columns) {
                row.add(all.get(HEADER.indexOf(column)));
            }
            rows.add(row);
        }
        int[] widths = new int[columns.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(row.get(i));
                if (i < row.size() - 1) {
                    line.append(" ".repeat(widths[i] - row.get(i).length() + 2));
                }
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    /** One line per Trigger with its Ready message: what it did, or what is wrong. */
    static List<String> messages(List<TriggerSnapshot> triggers) {
        int width = triggers.stream().mapToInt(t -> t.name().length()).max().orElse(0);
        List<String> lines = new ArrayList<>();
        for (TriggerSnapshot t : triggers) {
            if (t.message() != null && !t.message().isBlank()) {
                lines.add("  " + t.name() + " ".repeat(width - t.name().length()) + "  " + t.message());
            }
        }
        return lines;
    }

    private static String dash(String value) {
        return value == null || value.isBlank() ? "-" : value;
    }
}
