package io.jpm.ipc.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.jpm.ipc.CommandException;
import io.jpm.ipc.ErrorCode;
import io.jpm.ipc.JpmClient;
import io.jpm.ipc.internal.LeanJsonParser;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CLI's reply parser reads every wire record as jackson-core's parser does, token by token, and leaves to
 * jackson's everything else, so that a reply reads the same either way.
 */
class LeanJsonParserTest {

    private static final List<String> DOCUMENTS = List.of(
            "{}",
            "[]",
            "null",
            " {\"a\" : [1, -2, 3.5, -0.25e3, 1E2, true, false, null, \"x\"] ,\"b\":{\"c\":{}}}\n",
            "{\"s\":\"quote \\\" back \\\\ slash \\/ \\b\\f\\n\\r\\t \\u00e9\\u20ac \\ud83d\\ude00 end\"}",
            "{\"utf8\":\"é € 😀 ü\",\"empty\":\"\",\"k\\\"ey\":1}",
            "{\"big\":2147483648,\"small\":-2147483649,\"max\":999999999999999999,\"zero\":0}",
            "[[[]],[{}],{\"a\":[[1],[2,[3]]]}]",
            "{\"n\":null,\"t\":true,\"f\":false,\"d\":1.0e-5}");

    /** Documents the lean parser refuses (a malformed one, or one only jackson reads), each to go to jackson. */
    private static final List<String> REFUSED = List.of(
            "{\"a\":1,}",
            "[1,]",
            "{\"a\" 1}",
            "{\"a\":1 \"b\":2}",
            "{\"a\":01}",
            "{\"a\":1.}",
            "{\"a\":tru}",
            "{\"a\":\"unterminated}",
            "{\"a\":\"bad \\x escape\"}",
            "{\"a\":12345678901234567890}",
            "{\"a\":[1,2}",
            "{\"a\":1}}",
            "{\"a\":1",
            "{\"a\":1} {}",
            "{a:1}");

    @Test
    void everyTokenAndValueIsJacksonsForWhatTheDaemonWrites() throws IOException {
        for (String doc : DOCUMENTS) assertEquals(tokens(jackson(doc)), tokens(lean(doc)), doc);
        for (WireValue v : Samples.results()) {
            String compact = new String(Wire.bytes(v), StandardCharsets.UTF_8);
            String pretty = new String(Wire.bytes(v, true), StandardCharsets.UTF_8);
            assertEquals(tokens(jackson(compact)), tokens(lean(compact)), compact);
            assertEquals(tokens(jackson(pretty)), tokens(lean(pretty)), pretty);
        }
    }

    @Test
    void everyResultReadsBackThroughTheLeanParser() throws Exception {
        for (WireValue v : Samples.results()) {
            Method read = v.getClass().getMethod("read", JsonParser.class);
            try (JsonParser p = new LeanJsonParser(Wire.bytes(v))) {
                p.nextToken();
                assertEquals(v, read.invoke(null, p), v.getClass().getSimpleName());
            }
        }
    }

    @Test
    void whatItRefusesJacksonReadsOrRefusesWithItsOwnMessage() throws IOException {
        for (String doc : REFUSED) {
            assertThrows(LeanJsonParser.Unsupported.class, () -> tokens(lean(doc)), doc);
            String viaReply = outcome(() -> JpmClient.readReply(reply(doc), Wire::any));
            String viaJackson = outcome(() -> readWithJackson(reply(doc)));
            assertEquals(viaJackson, viaReply, doc);
        }
        // a number in a string is jackson's to convert
        byte[] stringPid =
                "{\"ok\":true,\"result\":{\"version\":\"1\",\"pid\":\"42\"}}".getBytes(StandardCharsets.UTF_8);
        assertEquals(new Results.Pong("1", 42), JpmClient.readReply(stringPid, Results.Pong::read));
    }

    @Test
    void anErrorReplyAndAMissingResultReadAsBefore() throws IOException {
        byte[] error = "{\"ok\":false,\"error\":{\"code\":\"unknown_app\",\"message\":\"no app x\",\"later\":[1]}}"
                .getBytes(StandardCharsets.UTF_8);
        CommandException e = assertThrows(CommandException.class, () -> JpmClient.readReply(error, Results.Pong::read));
        assertEquals(ErrorCode.UNKNOWN_APP, e.code());
        assertEquals("no app x", e.getMessage());
        assertEquals(
                List.of(),
                JpmClient.readReply("{\"ok\":true}".getBytes(StandardCharsets.UTF_8), q -> Wire.list(q, Wire::text)));
    }

    private static byte[] reply(String result) {
        return ("{\"ok\":true,\"result\":" + result + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** What jackson-core's parser alone makes of a reply: the result, or the exception's class and message. */
    private static Object readWithJackson(byte[] frame) throws IOException {
        try (JsonParser p = Wire.parser(frame)) {
            p.nextToken();
            Object[] result = new Object[1];
            Wire.object(p, (name, q) -> {
                if (name.equals("result")) result[0] = Wire.any(q);
                else Wire.skip(q);
            });
            return result[0];
        }
    }

    private interface Read {
        Object get() throws IOException;
    }

    private static String outcome(Read read) {
        try {
            return "value " + read.get();
        } catch (IOException | RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    private static JsonParser jackson(String doc) throws IOException {
        return Wire.parser(doc.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonParser lean(String doc) {
        return new LeanJsonParser(doc.getBytes(StandardCharsets.UTF_8));
    }

    /** Each token with what the readers ask of it. */
    private static List<String> tokens(JsonParser p) throws IOException {
        List<String> out = new ArrayList<>();
        try (p) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                StringBuilder s = new StringBuilder(t.name()).append(' ').append(p.currentName());
                if (t.isScalarValue()) {
                    s.append(" text=").append(p.getText()).append(" str=").append(p.getValueAsString());
                    if (t != JsonToken.VALUE_STRING) {
                        s.append(" long=")
                                .append(p.getValueAsLong())
                                .append(" double=")
                                .append(p.getValueAsDouble());
                        // jackson reads an integer as a boolean through getIntValue, which refuses a long
                        if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.INT)
                            s.append(" bool=").append(p.getValueAsBoolean());
                    }
                    if (t.isNumeric()) {
                        s.append(" type=")
                                .append(p.getNumberType())
                                .append(" number=")
                                .append(p.getNumberValue());
                        if (p.getNumberType() == JsonParser.NumberType.INT)
                            s.append(" int=").append(p.getValueAsInt());
                    }
                }
                out.add(s.toString());
            }
        }
        return out;
    }
}
