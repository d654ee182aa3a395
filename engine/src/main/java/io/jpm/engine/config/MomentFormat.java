package io.jpm.engine.config;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * Translates a moment.js date format, as PM2's {@code log_date_format} uses, into a {@link DateTimeFormatter}
 * pattern.
 *
 * <p>Translated: {@code YYYY YY M MM MMM MMMM D DD DDD DDDD ddd dddd H HH h hh m mm s ss S…SSSSSSSSS Z ZZ A a}, and
 * {@code yyyy yy} as a courtesy to people who write Java patterns. {@code Z} becomes {@code xxx} ({@code +00:00}),
 * {@code ZZ} becomes {@code xx} ({@code +0000}), {@code A} and {@code a} become {@code a} (Java prints AM/PM in
 * either case). {@code [text]} is literal text, as in moment. Any other moment token ({@code Do Q W w E e G g k N X x
 * z dd d}) is refused; letters moment does not know (such as the {@code T} of ISO dates) are literal.
 */
final class MomentFormat {

    /** Moment token (letter repeated n times) to Java pattern. */
    private static final Map<String, String> TOKENS = Map.ofEntries(
            Map.entry("YYYY", "yyyy"),
            Map.entry("YY", "yy"),
            Map.entry("yyyy", "yyyy"),
            Map.entry("yy", "yy"),
            Map.entry("M", "M"),
            Map.entry("MM", "MM"),
            Map.entry("MMM", "MMM"),
            Map.entry("MMMM", "MMMM"),
            Map.entry("D", "d"),
            Map.entry("DD", "dd"),
            Map.entry("DDD", "D"),
            Map.entry("DDDD", "DDD"),
            Map.entry("ddd", "EEE"),
            Map.entry("dddd", "EEEE"),
            Map.entry("H", "H"),
            Map.entry("HH", "HH"),
            Map.entry("h", "h"),
            Map.entry("hh", "hh"),
            Map.entry("m", "m"),
            Map.entry("mm", "mm"),
            Map.entry("s", "s"),
            Map.entry("ss", "ss"),
            Map.entry("Z", "xxx"),
            Map.entry("ZZ", "xx"),
            Map.entry("A", "a"),
            Map.entry("a", "a"));

    /** Letters that start a moment token; any other letter is literal text in moment. */
    private static final String MOMENT_LETTERS = "YyMDdHhmsSZAaQWwEeGgkNXxz";

    private MomentFormat() {}

    /** @throws IllegalArgumentException saying which token is not supported, or why the result is invalid */
    static String toJava(String moment) {
        StringBuilder out = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < moment.length()) {
            char c = moment.charAt(i);
            if (c == '[') {
                int close = moment.indexOf(']', i + 1);
                if (close >= 0) {
                    literal.append(moment, i + 1, close);
                    i = close + 1;
                    continue;
                }
            }
            if (c == '\\' && i + 1 < moment.length()) {
                literal.append(moment.charAt(i + 1));
                i += 2;
                continue;
            }
            if (MOMENT_LETTERS.indexOf(c) < 0) {
                literal.append(c);
                i++;
                continue;
            }
            int run = 1;
            while (i + run < moment.length() && moment.charAt(i + run) == c) run++;
            String token = moment.substring(i, i + run);
            if (i + run < moment.length() && moment.charAt(i + run) == 'o' && "MDdQwWy".indexOf(c) >= 0) {
                token += "o"; // an ordinal such as Do: refused below
            }
            String java = c == 'S' && run <= 9 ? token : TOKENS.get(token);
            if (java == null) {
                throw new IllegalArgumentException("uses moment token \"" + token + "\", which jpm does not support");
            }
            flushLiteral(literal, out);
            out.append(java);
            i += run;
        }
        flushLiteral(literal, out);
        String pattern = out.toString();
        try {
            DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH)
                    .format(ZonedDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("is not a usable date format (" + e.getMessage() + ")");
        }
        if (pattern.isEmpty()) throw new IllegalArgumentException("is empty");
        return pattern;
    }

    /** Appends literal text: letters and Java's reserved characters quoted, a quote doubled. */
    private static void flushLiteral(StringBuilder literal, StringBuilder out) {
        if (literal.isEmpty()) return;
        boolean needsQuotes = literal.chars().anyMatch(ch -> Character.isLetter(ch) || "[]{}#'".indexOf(ch) >= 0);
        String text = literal.toString().replace("'", "''");
        out.append(needsQuotes ? "'" + text + "'" : text);
        literal.setLength(0);
    }
}
