package io.jpm.ipc.internal;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.Version;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * A jackson-core {@link JsonParser} over one UTF-8 document in a byte array, for the CLI's replies: the wire records'
 * readers run on it unchanged. It exists for start-up cost alone. Every parser of jackson-core extends
 * {@code ParserMinimalBase}, whose static constants initialize {@link BigDecimal}, and JDK 25's {@code BigDecimal}
 * computes 5^65536 in its static initializer: ~17 ms of CPU, interpreted, a fifth of a {@code jpm ping}.
 *
 * <p>It reads what the daemon writes and nothing more lenient: an integer of more than 18 digits, a malformed
 * document, trailing content or any call outside what the readers use throws {@link Unsupported}, and the caller then
 * reads the same bytes again with jackson-core's own parser, so that results and error messages are jackson's.
 * Not thread-safe; one document per instance.
 */
public final class LeanJsonParser extends JsonParser {
    /** Thrown for anything this parser leaves to jackson-core's. */
    public static final class Unsupported extends IOException {
        Unsupported(String what) {
            super(what);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // a signal to the caller, never shown
        }
    }

    private final byte[] in;
    private int pos;
    private JsonToken token;
    private JsonToken lastCleared;
    /** The text of the current string, field name or number. */
    private String text;

    private long longValue;
    private double doubleValue;
    private boolean closed;
    /** Per open container, innermost last: whether it is an object, and the last field name read in it. */
    private boolean[] inObject = new boolean[16];

    private String[] names = new String[16];
    private int depth;
    /** In an object: whether the next token is a field name (else a value, after the name). */
    private boolean expectName;

    public LeanJsonParser(byte[] json) {
        this.in = json;
    }

    @Override
    public JsonToken nextToken() throws IOException {
        if (closed) return null;
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            // just opened: first member or the end
        } else if (token != null && depth > 0) {
            skipSpace();
            if (pos < in.length && in[pos] == ',') {
                pos++;
                if (inObject[depth - 1] && !expectName) throw new Unsupported("comma after a field name");
                skipSpace();
                if (pos < in.length && (in[pos] == '}' || in[pos] == ']')) throw new Unsupported("trailing comma");
            } else if (pos < in.length && (in[pos] == '}' || in[pos] == ']')) {
                // the end, below
            } else if (!(inObject[depth - 1] && !expectName)) {
                throw new Unsupported("expected a comma");
            }
        }
        skipSpace();
        if (pos >= in.length) {
            if (depth > 0) throw new Unsupported("end of input inside a container");
            return token = null;
        }
        if (token != null && depth == 0) throw new Unsupported("content after the document");
        byte b = in[pos];
        if (b == '}' || b == ']') {
            if (depth == 0 || inObject[depth - 1] != (b == '}')) throw new Unsupported("unbalanced " + (char) b);
            pos++;
            depth--;
            expectName = depth > 0 && inObject[depth - 1];
            return token = b == '}' ? JsonToken.END_OBJECT : JsonToken.END_ARRAY;
        }
        if (depth > 0 && inObject[depth - 1] && expectName) {
            if (b != '"') throw new Unsupported("expected a field name");
            pos++;
            names[depth - 1] = text = string();
            skipSpace();
            if (pos >= in.length || in[pos] != ':') throw new Unsupported("expected a colon");
            pos++;
            expectName = false;
            return token = JsonToken.FIELD_NAME;
        }
        if (depth > 0 && inObject[depth - 1]) expectName = true;
        pos++;
        switch (b) {
            case '{' -> {
                open(true);
                return token = JsonToken.START_OBJECT;
            }
            case '[' -> {
                open(false);
                return token = JsonToken.START_ARRAY;
            }
            case '"' -> {
                text = string();
                return token = JsonToken.VALUE_STRING;
            }
            case 't' -> {
                literal("rue");
                return token = JsonToken.VALUE_TRUE;
            }
            case 'f' -> {
                literal("alse");
                return token = JsonToken.VALUE_FALSE;
            }
            case 'n' -> {
                literal("ull");
                return token = JsonToken.VALUE_NULL;
            }
            default -> {
                pos--;
                return token = number();
            }
        }
    }

    private void open(boolean object) {
        if (depth == inObject.length) {
            inObject = java.util.Arrays.copyOf(inObject, depth * 2);
            names = java.util.Arrays.copyOf(names, depth * 2);
        }
        inObject[depth] = object;
        names[depth] = null;
        depth++;
        expectName = object;
    }

    private void skipSpace() {
        while (pos < in.length) {
            byte b = in[pos];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') return;
            pos++;
        }
    }

    private void literal(String rest) throws Unsupported {
        for (int i = 0; i < rest.length(); i++) {
            if (pos >= in.length || in[pos++] != rest.charAt(i)) throw new Unsupported("bad literal");
        }
    }

    /** The string after an opening quote, up to and past its closing one. */
    private String string() throws Unsupported {
        int start = pos;
        while (pos < in.length) {
            byte b = in[pos];
            if (b == '"') {
                pos++;
                return new String(in, start, pos - 1 - start, StandardCharsets.UTF_8);
            }
            if (b == '\\') return escapedString(start);
            if ((b & 0xff) < 0x20) throw new Unsupported("control character in a string");
            pos++;
        }
        throw new Unsupported("unterminated string");
    }

    private String escapedString(int start) throws Unsupported {
        StringBuilder sb = new StringBuilder(new String(in, start, pos - start, StandardCharsets.UTF_8));
        int run = pos;
        while (pos < in.length) {
            byte b = in[pos];
            if (b == '"') {
                sb.append(new String(in, run, pos - run, StandardCharsets.UTF_8));
                pos++;
                return sb.toString();
            }
            if ((b & 0xff) < 0x20) throw new Unsupported("control character in a string");
            if (b != '\\') {
                pos++;
                continue;
            }
            sb.append(new String(in, run, pos - run, StandardCharsets.UTF_8));
            if (pos + 1 >= in.length) throw new Unsupported("unterminated escape");
            byte e = in[pos + 1];
            pos += 2;
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (pos + 4 > in.length) throw new Unsupported("short \\u escape");
                    int c = 0;
                    for (int i = 0; i < 4; i++) {
                        int d = Character.digit(in[pos + i], 16);
                        if (d < 0) throw new Unsupported("bad \\u escape");
                        c = c * 16 + d;
                    }
                    pos += 4;
                    sb.append((char) c);
                }
                default -> throw new Unsupported("bad escape");
            }
            run = pos;
        }
        throw new Unsupported("unterminated string");
    }

    private JsonToken number() throws Unsupported {
        int start = pos;
        if (pos < in.length && in[pos] == '-') pos++;
        int digits = 0;
        while (pos < in.length && in[pos] >= '0' && in[pos] <= '9') {
            pos++;
            digits++;
        }
        if (digits == 0) throw new Unsupported("unexpected character");
        if (digits > 1 && in[pos - digits] == '0') throw new Unsupported("leading zero");
        boolean fraction = false;
        if (pos < in.length && in[pos] == '.') {
            fraction = true;
            pos++;
            int f = 0;
            while (pos < in.length && in[pos] >= '0' && in[pos] <= '9') {
                pos++;
                f++;
            }
            if (f == 0) throw new Unsupported("no digit after the point");
        }
        if (pos < in.length && (in[pos] == 'e' || in[pos] == 'E')) {
            fraction = true;
            pos++;
            if (pos < in.length && (in[pos] == '+' || in[pos] == '-')) pos++;
            int x = 0;
            while (pos < in.length && in[pos] >= '0' && in[pos] <= '9') {
                pos++;
                x++;
            }
            if (x == 0) throw new Unsupported("no digit in the exponent");
        }
        text = new String(in, start, pos - start, StandardCharsets.ISO_8859_1);
        if (fraction) {
            doubleValue = Double.parseDouble(text);
            return JsonToken.VALUE_NUMBER_FLOAT;
        }
        if (digits > 18) throw new Unsupported("an integer of " + digits + " digits");
        longValue = Long.parseLong(text);
        return JsonToken.VALUE_NUMBER_INT;
    }

    @Override
    public JsonToken nextValue() throws IOException {
        JsonToken t = nextToken();
        return t == JsonToken.FIELD_NAME ? nextToken() : t;
    }

    @Override
    public JsonParser skipChildren() throws IOException {
        if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) return this;
        int open = 1;
        while (open > 0) {
            JsonToken t = nextToken();
            if (t == null) throw new Unsupported("end of input while skipping");
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) open++;
            else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) open--;
        }
        return this;
    }

    @Override
    public JsonToken getCurrentToken() {
        return token;
    }

    @Override
    public int getCurrentTokenId() {
        return token == null ? 0 : token.id();
    }

    @Override
    public boolean hasCurrentToken() {
        return token != null;
    }

    @Override
    public boolean hasTokenId(int id) {
        return getCurrentTokenId() == id;
    }

    @Override
    public boolean hasToken(JsonToken t) {
        return token == t;
    }

    @Override
    public void clearCurrentToken() {
        if (token != null) {
            lastCleared = token;
            token = null;
        }
    }

    @Override
    public JsonToken getLastClearedToken() {
        return lastCleared;
    }

    @Override
    public String getCurrentName() {
        if (token == JsonToken.FIELD_NAME) return text;
        boolean opened = token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY;
        int d = opened ? depth - 1 : depth;
        return d > 0 && inObject[d - 1] ? names[d - 1] : null;
    }

    @Override
    public String getText() {
        if (token == null) return null;
        return switch (token) {
            case FIELD_NAME, VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> text;
            default -> token.asString();
        };
    }

    @Override
    public String getValueAsString(String def) {
        if (token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME) return text;
        if (token == null || token == JsonToken.VALUE_NULL || !token.isScalarValue()) return def;
        return getText();
    }

    @Override
    public int getValueAsInt(int def) throws IOException {
        long v = getValueAsLong(def);
        if (v != (int) v) throw new Unsupported("an int out of range");
        return (int) v;
    }

    @Override
    public long getValueAsLong(long def) throws IOException {
        if (token == null) return def;
        return switch (token) {
            case VALUE_NUMBER_INT -> longValue;
            case VALUE_NUMBER_FLOAT -> (long) doubleValue;
            case VALUE_TRUE -> 1;
            case VALUE_FALSE, VALUE_NULL -> 0;
            case VALUE_STRING -> throw new Unsupported("a number in a string");
            default -> def;
        };
    }

    @Override
    public double getValueAsDouble(double def) throws IOException {
        if (token == null) return def;
        return switch (token) {
            case VALUE_NUMBER_INT -> longValue;
            case VALUE_NUMBER_FLOAT -> doubleValue;
            case VALUE_TRUE -> 1;
            case VALUE_FALSE, VALUE_NULL -> 0;
            case VALUE_STRING -> throw new Unsupported("a number in a string");
            default -> def;
        };
    }

    @Override
    public boolean getValueAsBoolean(boolean def) throws IOException {
        if (token == null) return def;
        return switch (token) {
            case VALUE_TRUE -> true;
            case VALUE_FALSE, VALUE_NULL -> false;
            case VALUE_NUMBER_INT -> longValue != 0;
            case VALUE_STRING -> throw new Unsupported("a boolean in a string");
            default -> def;
        };
    }

    @Override
    public NumberType getNumberType() throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT) return longValue == (int) longValue ? NumberType.INT : NumberType.LONG;
        if (token == JsonToken.VALUE_NUMBER_FLOAT) return NumberType.DOUBLE;
        return null;
    }

    @Override
    public Number getNumberValue() throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT)
            return longValue == (int) longValue ? Integer.valueOf((int) longValue) : Long.valueOf(longValue);
        if (token == JsonToken.VALUE_NUMBER_FLOAT) return doubleValue;
        throw new Unsupported("not a number");
    }

    @Override
    public int getIntValue() throws IOException {
        if (token != JsonToken.VALUE_NUMBER_INT || longValue != (int) longValue) throw new Unsupported("not an int");
        return (int) longValue;
    }

    @Override
    public long getLongValue() throws IOException {
        if (token != JsonToken.VALUE_NUMBER_INT) throw new Unsupported("not an integer");
        return longValue;
    }

    @Override
    public double getDoubleValue() throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT) return longValue;
        if (token == JsonToken.VALUE_NUMBER_FLOAT) return doubleValue;
        throw new Unsupported("not a number");
    }

    @Override
    public float getFloatValue() throws IOException {
        return (float) getDoubleValue();
    }

    @Override
    public BigInteger getBigIntegerValue() throws IOException {
        throw new Unsupported("getBigIntegerValue");
    }

    @Override
    public BigDecimal getDecimalValue() throws IOException {
        throw new Unsupported("getDecimalValue");
    }

    @Override
    public byte[] getBinaryValue(Base64Variant variant) throws IOException {
        throw new Unsupported("getBinaryValue");
    }

    @Override
    public char[] getTextCharacters() {
        String t = getText();
        return t == null ? null : t.toCharArray();
    }

    @Override
    public int getTextLength() {
        String t = getText();
        return t == null ? 0 : t.length();
    }

    @Override
    public int getTextOffset() {
        return 0;
    }

    @Override
    public boolean hasTextCharacters() {
        return false;
    }

    @Override
    public void overrideCurrentName(String name) {
        throw new UnsupportedOperationException("overrideCurrentName");
    }

    @Override
    public ObjectCodec getCodec() {
        return null;
    }

    @Override
    public void setCodec(ObjectCodec codec) {
        throw new UnsupportedOperationException("setCodec");
    }

    @Override
    public Version version() {
        return Version.unknownVersion();
    }

    @Override
    public void close() {
        closed = true;
        token = null;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public JsonStreamContext getParsingContext() {
        throw new UnsupportedOperationException("getParsingContext");
    }

    @Override
    public JsonLocation getCurrentLocation() {
        return JsonLocation.NA;
    }

    @Override
    public JsonLocation getTokenLocation() {
        return JsonLocation.NA;
    }
}
