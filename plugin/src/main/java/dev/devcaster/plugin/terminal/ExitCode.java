package dev.devcaster.plugin.terminal;

/** The exit codes of every command, listed in {@code --help}. */
public final class ExitCode {

    /** Done. */
    public static final int OK = 0;
    /** {@code validate}: at least one manifest is invalid. */
    public static final int INVALID = 1;
    /** The command line is wrong (unknown option, missing value). */
    public static final int USAGE = 2;
    /** The command could not do its work: Devcaster or the cluster failed or refused, a file is unreadable. */
    public static final int FAILED = 3;

    private ExitCode() {
    }
}
