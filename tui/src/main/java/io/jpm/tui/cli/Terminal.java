package io.jpm.tui.cli;

import java.io.IOException;

/** What the CLI knows of its terminal: the width, and whether to color (a TTY, and NO_COLOR unset). */
record Terminal(int width, boolean color) {
    private static final int DEFAULT_WIDTH = 120;

    static Terminal of(Jpm jpm) {
        boolean tty = System.console() != null;
        boolean color = tty && !jpm.env().containsKey("NO_COLOR") && !"dumb".equals(jpm.env().get("TERM"));
        int width = DEFAULT_WIDTH;
        String columns = jpm.env().get("COLUMNS");
        if (columns != null && columns.matches("\\d{2,4}")) {
            width = Integer.parseInt(columns);
        } else if (tty) {
            width = sttyWidth();
        }
        return new Terminal(width, color);
    }

    private static int sttyWidth() {
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
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
