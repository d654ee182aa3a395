package io.jpm.themes.internal;

/** A theme file's content is wrong at one key; the message reads {@code key: what is wrong}. */
public final class ThemeFileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String key;

    public ThemeFileException(String key, String problem) {
        super(key.isEmpty() ? problem : key + ": " + problem);
        this.key = key;
    }

    /** Where in the file, such as {@code colors.log.err} or {@code line 3, column 7}; empty for the whole file. */
    public String key() {
        return key;
    }
}
