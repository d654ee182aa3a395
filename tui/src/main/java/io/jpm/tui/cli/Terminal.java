package io.jpm.tui.cli;

import java.io.IOException;

/** What the CLI knows of its terminal: the width, and whether to color (a TTY, and NO_COLOR unset). */
record Terminal(int width, boolean color) {
    private static final int DEFAULT_WIDTH = 120;

    static Terminal of(Jpm jpm) {
        boolean tty = stdoutIsTerminal();
        boolean color = colorFor(tty, jpm.env());
        int width = DEFAULT_WIDTH;
        String columns = jpm.env().get("COLUMNS");
        if (columns != null && columns.matches("\\d{2,4}")) {
            width = Integer.parseInt(columns);
        } else if (tty) {
            width = sttyWidth();
        }
        return new Terminal(width, color);
    }

    /** Color only on a terminal, and never with NO_COLOR set (to anything, as no-color.org says) or TERM=dumb. */
    static boolean colorFor(boolean tty, java.util.Map<String, String> env) {
        return tty && !env.containsKey("NO_COLOR") && !"dumb".equals(env.get("TERM"));
    }

    /**
     * Whether stdout is a terminal. From JDK 22 on, {@code System.console()} is not null when the output is piped,
     * so its {@code isTerminal()} (looked up by reflection: jpm is compiled for 21) has the last word.
     */
    private static boolean stdoutIsTerminal() {
        // bin/jpm says whether stdin and stdout are terminals (its shell's test -t is isatty(3)): System.console()
        // would look its provider up as a service in the JDK's modules, ~5 ms of a one-shot verb
        String launcher = System.getProperty("jpm.tty");
        if (launcher != null) return launcher.equals("true");
        java.io.Console console = System.console();
        if (console == null) return false;
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true; // JDK 21: a console exists only when stdin and stdout are terminals
        }
    }

    private static int sttyWidth() {
        try {
            Process p = new ProcessBuilder("stty", "size")
                    .redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            String[] parts = out.split(" ");
            if (parts.length == 2) return Integer.parseInt(parts[1]);
        } catch (IOException | RuntimeException e) {
            // fall through
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return DEFAULT_WIDTH;
    }
}
