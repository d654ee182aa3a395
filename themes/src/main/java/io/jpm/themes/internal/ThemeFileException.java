package io.jpm.themes.internal;

/** A theme file's content is wrong at one key; the message reads {@code key: what is wrong}. */
public final class ThemeFileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String key;

    public ThemeFileException(String key, String problem) {
        super(oneLine(key.isEmpty() ? problem : key + ": " + problem));
        this.key = key;
    }

    /** The message with control characters escaped as in JSON, so that a key or value from the file stays one line. */
    private static String oneLine(String message) {
        StringBuilder b = new StringBuilder(message.length());
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.toString();
    }

    /** Where in the file, such as {@code colors.log.err} or {@code line 3, column 7}; empty for the whole file. */
    public String key() {
        return key;
    }
}
