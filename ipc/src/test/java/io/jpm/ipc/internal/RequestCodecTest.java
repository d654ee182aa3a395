package io.jpm.ipc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.ipc.Json;
import io.jpm.ipc.Request;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The requests' own streaming writers produce what the daemon's reader reads back, for every kind of request. */
class RequestCodecTest {

    static List<Request<?>> oneOfEach() throws Exception {
        JsonNode app =
                Json.MAPPER.readTree("{\"name\":\"web\",\"script\":\"app.js\",\"instances\":2,\"env\":{\"A\":\"é\"}}");
        return List.of(
                new Request.Ping(),
                new Request.Kill(),
                new Request.Update(),
                new Request.Start(
                        List.of(app), Map.of("PATH", "/bin", "Q", "\"quoted\"\n"), "/srv", "prod", null, null),
                new Request.Start(List.of(), Map.of(), "/srv", null, "eco.yaml", "web,api"),
                new Request.ListWorkers(),
                new Request.Describe("web", true),
                new Request.Stop("web"),
                new Request.Restart("web", false, Map.of(), true),
                new Request.Restart("all", true, Map.of("X", "1")),
                new Request.Reload("web", false, Map.of()),
                new Request.Delete("3"),
                new Request.Scale("web", "+2"),
                new Request.SendSignal("SIGUSR2", "web"),
                new Request.Reset("web"),
                new Request.Save(),
                new Request.Resurrect(),
                new Request.Flush(null),
                new Request.ReloadLogs(),
                new Request.Logs("web", 20, "err"),
                new Request.History(),
                new Request.Metrics(9209),
                new Request.Hello("hello.abc"),
                new Request.RemoteEnable("127.0.0.1:7070"),
                new Request.RemoteDisable(),
                new Request.RemoteStatus());
    }

    @Test
    void everyRequestReadsBackEqual() throws Exception {
        for (Request<?> request : oneOfEach()) {
            byte[] frame = RequestCodec.encode(request);
            RequestCodec.Decoded decoded = RequestCodec.decode(frame);
            assertNull(decoded.error(), () -> new String(frame, StandardCharsets.UTF_8));
            assertEquals(request, decoded.request(), () -> new String(frame, StandardCharsets.UTF_8));
        }
    }

    @Test
    void theSamplesCoverEveryRequestRecord() throws Exception {
        Set<Class<?>> sampled = new HashSet<>();
        for (Request<?> r : oneOfEach()) sampled.add(r.getClass());
        List<Class<?>> records = new ArrayList<>();
        collect(Request.class, records);
        assertEquals(new HashSet<>(records), sampled);
    }

    @Test
    void theCommandNameComesFirst() {
        assertEquals(
                "{\"cmd\":\"describe\",\"target\":\"web\",\"showEnv\":false}",
                new String(RequestCodec.encode(new Request.Describe("web", false)), StandardCharsets.UTF_8));
    }

    private static void collect(Class<?> type, List<Class<?>> out) {
        if (type.isRecord()) out.add(type);
        Class<?>[] sub = type.getPermittedSubclasses();
        if (sub != null) for (Class<?> c : sub) collect(c, out);
    }
}
