package io.jpm.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.Test;

/** Json.problem: what a user reads when a JSON file is broken, in one line, without Jackson's insides. */
class JsonProblemTest {

    private static String problemOf(String text) {
        return Json.problem(assertThrows(JsonProcessingException.class, () -> Json.MAPPER.readTree(text)));
    }

    @Test
    void anUnclosedObjectSaysSoWithoutTheStartMarkersSource() {
        assertEquals("Unexpected end-of-input: expected close marker for Object", problemOf("{\"apps\": 1"));
    }

    @Test
    void tooDeepANestingNamesTheLimitNotTheGetterBehindIt() {
        String message = problemOf("[".repeat(1001) + "]".repeat(1001));
        assertEquals("Document nesting depth (1001) exceeds the maximum allowed (1000)", message);
    }

    @Test
    void everyMessageIsOneLineWithoutJacksonNames() {
        for (String text : new String[] {"{\"a\": tru}", "{\"a\" 1}", "{'a': 1}", "[1,]x", "\"\\u12\""}) {
            String message = problemOf(text);
            assertFalse(message.contains("\n"), message);
            assertFalse(message.contains("Source:"), message);
            assertFalse(message.contains("`"), message);
        }
    }
}
