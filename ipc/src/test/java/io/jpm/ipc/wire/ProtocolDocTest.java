package io.jpm.ipc.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.jpm.ipc.Request;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md shows every shape as the records write it: the part between the generated markers is made here
 * from the records, and this test fails when the file differs. {@code -Djpm.regenerateDocs=true} rewrites it.
 */
class ProtocolDocTest {
    static final Path DOC = Path.of("..", "docs", "protocol.md");
    static final String BEGIN = "<!-- generated from the records by ProtocolDocTest: do not edit below -->";
    static final String END = "<!-- end of generated part -->";

    @Test
    void theProtocolDocShowsEveryShapeAsTheRecordsWriteIt() throws Exception {
        String doc = Files.readString(DOC);
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "docs/protocol.md lacks the generated markers");
        String fresh = doc.substring(0, begin + BEGIN.length()) + "\n" + generated() + doc.substring(end);
        if (Boolean.getBoolean("jpm.regenerateDocs")) {
            Files.writeString(DOC, fresh);
            return;
        }
        assertEquals(
                fresh,
                doc,
                "docs/protocol.md is out of date: mvn -pl ipc test -Dtest=ProtocolDocTest -Djpm.regenerateDocs=true");
    }

    @Test
    void everyCommandHasAResultRecordWithASample() {
        for (Class<?> c : commands()) {
            assertNotNull(c.getAnnotation(JsonTypeName.class), c + " has no wire name");
            assertNotNull(sampleOf(resultOf(c)), c + " has no sample result");
        }
    }

    static String generated() {
        StringBuilder b = new StringBuilder();
        b.append("\n### Command results\n\n");
        b.append("The `result` of an ok reply, per command (`io.jpm.ipc.wire`).\n");
        for (Class<?> c : commands()) {
            Class<?> result = resultOf(c);
            b.append("\n#### `")
                    .append(c.getAnnotation(JsonTypeName.class).value())
                    .append("` → `")
                    .append(name(result))
                    .append("`\n\n");
            json(b, sampleOf(result));
        }
        b.append("\n### `stats` → `Stats`\n\n");
        json(b, Samples.stats());
        b.append("\n### `view.stats` → `ConsoleStats`\n\n");
        b.append("The `stats` message above as a console receives it: each worker an array of id, name, instance,"
                + " mode, pid, status, restarts, uptimeMs, cpu (to a tenth), memory, health, watching (0 or 1).\n\n");
        json(b, Samples.consoleStats());
        b.append("\n### `event.<app>` → `WorkerEvent`\n\n");
        b.append("One example per `EventKind`; optional fields appear only with the kinds that carry them.\n\n");
        Map<EventKind, WorkerEvent> byKind = new LinkedHashMap<>();
        for (WorkerEvent e : Samples.events()) byKind.putIfAbsent(e.kind(), e);
        assertEquals(List.of(EventKind.values()).size(), byKind.size(), "a sample event of every kind");
        b.append("```json\n");
        for (WorkerEvent e : byKind.values()) b.append(text(e, false)).append('\n');
        b.append("```\n");
        b.append("\n### `log.<app>.<stream>` → `LogBatch`\n\n");
        json(b, Samples.logBatch());
        b.append('\n');
        return b.toString();
    }

    private static void json(StringBuilder b, WireValue v) {
        b.append("```json\n").append(text(v, true)).append("\n```\n");
    }

    private static String text(WireValue v, boolean pretty) {
        return new String(Wire.bytes(v, pretty), StandardCharsets.UTF_8);
    }

    private static String name(Class<?> c) {
        return c.getEnclosingClass() == null
                ? c.getSimpleName()
                : c.getEnclosingClass().getSimpleName() + "." + c.getSimpleName();
    }

    /** Every request record, in the order of Request's list of wire names; each permitted record is in it. */
    static List<Class<?>> commands() {
        List<Class<?>> registered = new ArrayList<>();
        for (JsonSubTypes.Type t :
                Request.class.getAnnotation(JsonSubTypes.class).value()) registered.add(t.value());
        List<Class<?>> permitted = new ArrayList<>();
        collect(Request.class, permitted);
        assertEquals(new HashSet<>(permitted), new HashSet<>(registered), "Request's records and its wire names");
        return registered;
    }

    private static void collect(Class<?> c, List<Class<?>> out) {
        for (Class<?> sub : c.getPermittedSubclasses()) {
            if (sub.isInterface()) collect(sub, out);
            else out.add(sub);
        }
    }

    static Class<?> resultOf(Class<?> command) {
        for (Type t : command.getGenericInterfaces()) {
            if (t instanceof ParameterizedType p) return (Class<?>) p.getActualTypeArguments()[0];
        }
        throw new AssertionError(command + " does not name its result");
    }

    static WireValue sampleOf(Class<?> result) {
        if (result == Results.Done.class) return Results.Done.INSTANCE;
        for (WireValue v : Samples.results()) if (v.getClass() == result) return v;
        return null;
    }
}
