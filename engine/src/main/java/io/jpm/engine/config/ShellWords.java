package io.jpm.engine.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words the way a POSIX shell would, without expanding anything.
 *
 * <p>Blanks separate words; {@code '…'} keeps everything literally; {@code "…"} keeps everything but lets a
 * backslash escape {@code " \ $ `}; outside quotes a backslash escapes any character. Quoted parts next to each other
 * join ({@code a"b c"} is one word) and {@code ""} is an empty word. No variables, globs or operators.
 */
final class ShellWords {

    private ShellWords() {}

    /** @throws IllegalArgumentException naming the unclosed quote or the trailing backslash */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i++);
            if (Character.isWhitespace(c)) {
                if (inWord) words.add(word.toString());
                word.setLength(0);
                inWord = false;
                continue;
            }
            inWord = true;
            if (c == '\'') {
                int close = line.indexOf('\'', i);
                if (close < 0) throw new IllegalArgumentException("has an unclosed ' quote");
                word.append(line, i, close);
                i = close + 1;
            } else if (c == '"') {
                while (true) {
                    if (i >= line.length()) throw new IllegalArgumentException("has an unclosed \" quote");
                    char d = line.charAt(i++);
                    if (d == '"') break;
                    if (d == '\\' && i < line.length() && "\"\\$`".indexOf(line.charAt(i)) >= 0) d = line.charAt(i++);
                    word.append(d);
                }
            } else if (c == '\\') {
                if (i >= line.length()) throw new IllegalArgumentException("ends with a lone backslash");
                word.append(line.charAt(i++));
            } else {
                word.append(c);
            }
        }
        if (inWord) words.add(word.toString());
        return List.copyOf(words);
    }
}
