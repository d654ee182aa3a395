package io.jpm.engine.health;

/**
 * One check's result: passed or not, what it saw ({@code HTTP 200}, a command's first output, the error), when it
 * ended (epoch ms) and how long it took.
 */
public record ProbeOutcome(boolean ok, String output, long atMs, long tookMs) {
    /** The most of a check's output that is kept. */
    public static final int MAX_OUTPUT = 200;

    public ProbeOutcome {
        output = truncate(output == null ? "" : output.strip());
    }

    static String truncate(String s) {
        return s.length() <= MAX_OUTPUT ? s : s.substring(0, MAX_OUTPUT - 1) + "…";
    }
}
