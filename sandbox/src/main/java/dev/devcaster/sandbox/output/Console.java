package dev.devcaster.sandbox.output;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The sandbox's terminal output: progress lines with the elapsed time, and a table that is redrawn
 * in place on a terminal and appended (only when it changed) everywhere else, so a CI or test log
 * stays readable.
 */
public final class Console {

    private final PrintStream out;
    private final boolean redraw;
    private final int columns;
    private final long startNanos;
    private int lastTableLines;
    private List<String> lastTable = List.of();

    public Console(PrintStream out, boolean redraw, int columns) {
        this(out, redraw, columns, 0);
    }

    /** @param startedMillisAgo how long ago the clock started (hack/sandbox.sh's own steps count too) */
    public Console(PrintStream out, boolean redraw, int columns, long startedMillisAgo) {
        this.startNanos = System.nanoTime() - startedMillisAgo * 1_000_000L;
        this.out = out;
        this.redraw = redraw;
        this.columns = columns;
    }

    /** {@code [  6.1s]}: seconds since the sandbox started. */
    public String elapsed() {
        return String.format(Locale.ROOT, "[%5.1fs]", seconds());
    }

    public double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    public synchronized void step(String line) {
        lastTableLines = 0;
        out.println(elapsed() + " " + line);
        out.flush();
    }

    public synchronized void println(String line) {
        lastTableLines = 0;
        out.println(line);
        out.flush();
    }

    public synchronized void error(String message, String todo) {
        lastTableLines = 0;
        out.println(elapsed() + " ERROR: " + message);
        out.println("         what to do: " + todo);
        out.flush();
    }

    /**
     * Shows the table: on a terminal it replaces the previous one (if nothing was printed since);
     * elsewhere it is printed only when its content changed. The first line is a heading that may
     * change freely (elapsed time); only the rest counts as content.
     */
    public synchronized void table(String heading, List<String> lines) {
        boolean changed = !lines.equals(lastTable);
        if (redraw) {
            if (lastTableLines > 0) {
                out.print("\033[" + lastTableLines + "F\033[J");
            }
            out.println(fit(elapsed() + " " + heading));
            lines.forEach(l -> out.println(fit(l)));
            lastTableLines = lines.size() + 1;
        } else if (changed) {
            out.println(elapsed() + " " + heading);
            lines.forEach(out::println);
            out.println();
        }
        lastTable = List.copyOf(lines);
        out.flush();
    }

    /** Ends the live table: what follows is printed below it. */
    public synchronized void endTable() {
        lastTableLines = 0;
        lastTable = List.of();
    }

    /** Terminal width, 0 when unknown or not a terminal. */
    public int width() {
        return redraw ? columns : 0;
    }

    public boolean redraws() {
        return redraw;
    }

    /** {@code 1.2s}: seconds since {@code t0}, a {@link System#nanoTime()}. */
    public static String since(long t0) {
        return String.format(Locale.ROOT, "%.1fs", (System.nanoTime() - t0) / 1e9);
    }

    /** On a terminal a line longer than the screen would wrap and break the redraw. */
    private String fit(String line) {
        return columns > 1 && line.length() >= columns ? line.substring(0, columns - 2) + "…" : line;
    }
}
