package io.jpm.tui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.ipc.ControlClient;
import io.jpm.ipc.CurveKeys;
import io.jpm.ipc.Event;
import io.jpm.ipc.EventSubscriber;
import io.jpm.ipc.JpmHome;
import io.jpm.ipc.Reply;
import io.jpm.ipc.Request;
import io.jpm.ipc.Topics;
import io.jpm.ipc.wire.ConsoleStats;
import io.jpm.ipc.wire.Stats;
import io.jpm.testing.Await;
import io.jpm.tui.DaemonConnector;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Metrics against a real daemon sampling every 200 ms and real busy and growing python workers. */
class MetricsEndToEndTest extends DaemonTest {
    static final int INTERVAL_MS = 200;
    static final String BUSY = "while True:\n    pass\n";
    static final String GROW = "import time\nheld = []\nwhile True:\n    if len(held) < 150:\n"
            + "        held.append(bytearray(2_000_000))\n    time.sleep(0.1)\n";

    @BeforeEach
    void settings() throws Exception {
        JpmHome.createPrivateDir(d.home.root());
        Files.writeString(d.home.settings(), "{\"sampleIntervalMs\": " + INTERVAL_MS + "}");
    }

    static JsonNode named(JsonNode workers, String name) {
        for (JsonNode w : workers) if (w.path("name").asText().equals(name)) return w;
        return null;
    }

    /** A raw client of the test's daemon (started if need be), for assertions on the JSON that the daemon sends. */
    ControlClient client() throws java.io.IOException {
        new DaemonConnector(d.home).connect().close();
        return new ControlClient(
                io.jpm.ipc.DaemonInfo.read(d.home).orElseThrow(),
                CurveKeys.read(d.home.keys().resolve("client.key")));
    }

    @Test
    void aBusyWorkerShowsAboutOneCoreAndAGrowingOneRisingMemoryInListAndOnTheStatsStream() throws Exception {
        Path busy = d.write("busy.py", BUSY);
        Path grow = d.write("grow.py", GROW);
        d.ok("start", busy.toString(), "--name", "busy");
        d.ok("start", grow.toString(), "--name", "grow");
        Await.until("busy online", 10_000, () -> !named(d.list(), "busy")
                .path("pid")
                .isNull());
        long busyPid = named(d.list(), "busy").path("pid").asLong();
        // A busy loop shows about 100 on a machine with a core to spare; on a crowded one it gets less, so the
        // figure is checked against the CPU time the kernel gave the process over the same second.
        Await.until("busy's cpu in list --json agrees with /proc", 15_000, () -> {
            long t0 = cpuTicks(busyPid);
            long n0 = System.nanoTime();
            sleep(1000);
            double truth = (cpuTicks(busyPid) - t0) * 1e9 / (System.nanoTime() - n0); // ticks are 1/100 s
            JsonNode samples = history(d, "busy");
            double listed = named(d.list(), "busy").path("cpu").asDouble();
            double mean = meanOfLast(samples, 1000 / INTERVAL_MS);
            return truth > 15 && close(mean, truth) && close(listed, truth) && (truth < 80 || listed > 50);
        });
        long before = named(d.list(), "grow").path("memory").asLong();
        Await.until(
                "grow's memory rising in list --json",
                10_000,
                () -> named(d.list(), "grow").path("memory").asLong() > before + 4_000_000);

        try (ControlClient c = client();
                EventSubscriber sub = new EventSubscriber(
                        c.daemon(), CurveKeys.read(d.home.keys().resolve("client.key")), "stats")) {
            assertTrue(sub.awaitSubscribed(c, 10_000));
            List<JsonNode> messages = new ArrayList<>();
            long deadline = System.nanoTime() + 5_000_000_000L;
            long t0 = 0;
            while (messages.size() < 6 && System.nanoTime() < deadline) {
                Optional<Event> e = sub.next(1000);
                if (e.isPresent() && e.get().topic().equals("stats"))
                    messages.add(e.get().payload());
                if (messages.size() == 1 && t0 == 0) t0 = cpuTicks(busyPid);
            }
            double truth = (cpuTicks(busyPid) - t0) * 1000.0 / (5 * INTERVAL_MS);
            assertEquals(6, messages.size(), "one stats message per interval");
            double streamed = 0;
            for (JsonNode m : messages.subList(1, 6))
                streamed += named(m.path("workers"), "busy").path("cpu").asDouble() / 5;
            assertTrue(close(streamed, truth), "cpu on the stream " + streamed + " vs /proc " + truth);
            assertTrue(truth < 80 || streamed > 50, "a busy loop with a core to itself shows about 100: " + streamed);
            JsonNode last = messages.get(5);
            assertEquals(INTERVAL_MS, last.path("intervalMs").asLong());
            assertEquals(
                    5L * INTERVAL_MS,
                    last.path("ts").asLong() - messages.get(0).path("ts").asLong());
            assertTrue(last.path("host").path("memTotal").asLong() > 0, last.toString());
            assertTrue(last.path("host").path("cores").asInt() > 0, last.toString());
            assertEquals(2, last.path("workers").size(), "every worker in one message");
            JsonNode b = named(last.path("workers"), "busy");
            for (String field : List.of("id", "name", "instance", "mode", "pid", "status", "restarts", "uptimeMs")) {
                assertTrue(b.has(field), "stats worker lacks " + field);
            }
            long first = named(messages.get(0).path("workers"), "grow")
                    .path("memory")
                    .asLong();
            long latest = named(last.path("workers"), "grow").path("memory").asLong();
            assertTrue(latest > first, "memory rises on the stream: " + first + " -> " + latest);
        }
        d.ok("delete", "all");
    }

    @Test
    void consolesGetACompactCopyOfEachStatsMessageWithWhatTheyDraw() throws Exception {
        d.ok("start", "sleep", "--name", "nap", "-i", "2", "--", "600");
        Await.until(
                "nap online",
                10_000,
                () -> d.list().size() == 2 && !d.list().get(1).path("pid").isNull());
        try (ControlClient c = client();
                EventSubscriber sub = new EventSubscriber(
                        c.daemon(),
                        CurveKeys.read(d.home.keys().resolve("client.key")),
                        Topics.STATS,
                        Topics.VIEW_STATS)) {
            assertTrue(sub.awaitSubscribed(c, 10_000));
            Map<Long, Stats> full = new HashMap<>();
            Map<Long, ConsoleStats> compact = new HashMap<>();
            long deadline = System.nanoTime() + 5_000_000_000L;
            Long both = null;
            while (both == null && System.nanoTime() < deadline) {
                switch (sub.receive(1000).orElse(null)) {
                    case Stats s -> full.put(s.ts(), s);
                    case ConsoleStats s -> compact.put(s.ts(), s);
                    case null, default -> {}
                }
                both = compact.keySet().stream()
                        .filter(full::containsKey)
                        .findFirst()
                        .orElse(null);
            }
            assertTrue(
                    both != null,
                    "a view.stats message for a stats message: " + full.keySet() + " " + compact.keySet());
            ConsoleStats view = compact.get(both);
            assertEquals(ConsoleStats.of(full.get(both)), view);
            assertEquals(
                    List.of("nap", "nap"),
                    view.workers().stream().map(ConsoleStats.Row::name).toList());
            assertTrue(view.workers().stream().allMatch(w -> w.pid() != null), view.toString());
        }
        d.ok("delete", "all");
    }

    @Test
    void historyGrowsByOneSamplePerIntervalAndDescribeDrawsIt() throws Exception {
        d.ok("start", "sleep", "--name", "nap", "--", "600");
        JsonNode h1;
        JsonNode h2;
        try (ControlClient c = client()) {
            Await.until(
                    "two samples",
                    10_000,
                    () -> history(c).path("workers").path("0").path("cpu").size() >= 2);
            h1 = history(c);
            Thread.sleep(5 * INTERVAL_MS);
            h2 = history(c);
        }
        int n1 = h1.path("workers").path("0").path("cpu").size();
        int n2 = h2.path("workers").path("0").path("cpu").size();
        long ticks = (h2.path("ts").asLong() - h1.path("ts").asLong()) / INTERVAL_MS;
        assertTrue(ticks >= 3, "ticks: " + ticks);
        assertEquals(ticks, n2 - n1, "one sample per interval");
        assertEquals(n2, h2.path("workers").path("0").path("memory").size());
        assertEquals(n2, h2.path("apps").path("nap").path("cpu").size());
        assertTrue(h2.path("host").path("cpu").size() >= n2);
        assertTrue(h2.path("workers").path("0").path("memory").get(n2 - 1).asLong() > 0);

        JsonNode desc = d.ok("describe", "nap", "--json").json().get(0);
        assertEquals("process", desc.path("metrics").path("scope").asText());
        assertTrue(desc.path("metrics").path("history").path("cpu").size() >= n2, desc.toString());
        assertFalse(desc.path("config").path("metrics_tree").asBoolean());
        String text = d.ok("describe", "nap").out();
        assertTrue(text.contains("usage (process, one sample every 200ms"), text);
        String mem = text.lines()
                .filter(l -> l.trim().startsWith("memory ") && l.contains("now"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(text));
        assertTrue(mem.matches(".*[▁▂▃▄▅▆▇█].*"), mem);
        d.ok("delete", "all");
    }

    /** utime + stime of a process, in 1/100 s. */
    static long cpuTicks(long pid) {
        String[] f = io.jpm.ipc.ProcessState.statFields(pid);
        if (f.length <= 12) throw new AssertionError("no /proc/" + pid + "/stat");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    static boolean close(double reported, double truth) {
        return Math.abs(reported - truth) <= Math.max(10, truth * 0.35);
    }

    static double meanOfLast(JsonNode samples, int n) {
        double sum = 0;
        int from = Math.max(0, samples.size() - n);
        for (int i = from; i < samples.size(); i++) sum += samples.get(i).asDouble();
        return samples.size() == from ? 0 : sum / (samples.size() - from);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static JsonNode history(TestDaemon d, String app) {
        return d.ok("describe", app, "--json")
                .json()
                .get(0)
                .path("metrics")
                .path("history")
                .path("cpu");
    }

    static JsonNode history(ControlClient c) {
        try {
            Reply r = c.call(new Request.History());
            assertTrue(r.ok(), String.valueOf(r.error()));
            return r.result();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void metricsTreeSumsTheDescendantsAndDescribeSaysSo() throws Exception {
        d.write("busy.py", BUSY);
        Path wrapper = d.write("wrapper.sh", "#!/bin/bash\npython3 busy.py\necho done\n");
        Path eco = d.write(
                "eco.json",
                "{\"apps\": ["
                        + "{\"name\": \"tree\", \"script\": \"" + wrapper + "\", \"cwd\": \"" + tmp
                        + "\", \"metrics_tree\": true},"
                        + "{\"name\": \"flat\", \"script\": \"" + wrapper + "\", \"cwd\": \"" + tmp + "\"}]}");
        d.ok("start", eco.toString());
        Await.until(
                "both online",
                10_000,
                () -> !named(d.list(), "tree").path("pid").isNull()
                        && !named(d.list(), "flat").path("pid").isNull());
        long treePid = named(d.list(), "tree").path("pid").asLong();
        long flatPid = named(d.list(), "flat").path("pid").asLong();
        Await.until("the tree's figures hold its busy child's CPU, the flat one's only its idle bash", 15_000, () -> {
            long child = ProcessHandle.of(treePid)
                    .flatMap(h -> h.children().findFirst())
                    .map(ProcessHandle::pid)
                    .orElse(0L);
            if (child == 0) return false;
            long t0 = cpuTicks(child);
            long n0 = System.nanoTime();
            sleep(1000);
            double truth = (cpuTicks(child) - t0) * 1e9 / (System.nanoTime() - n0);
            double tree = meanOfLast(history(d, "tree"), 1000 / INTERVAL_MS);
            double flat = meanOfLast(history(d, "flat"), 1000 / INTERVAL_MS);
            return truth > 15 && close(tree, truth) && flat < Math.min(5, truth / 2);
        });
        assertTrue(ProcessHandle.of(flatPid).orElseThrow().children().findAny().isPresent(), "flat has a child too");
        JsonNode desc = d.ok("describe", "tree", "--json").json().get(0);
        assertEquals("process tree", desc.path("metrics").path("scope").asText());
        assertTrue(desc.path("config").path("metrics_tree").asBoolean());
        assertTrue(d.ok("describe", "tree").out().contains("usage (process tree"));
        d.ok("delete", "all");
    }

    @Test
    void aWorkerOverMaxMemoryRestartIsRestartedWithTheReason() throws Exception {
        Path grow = d.write("grow.py", GROW);
        d.ok("start", grow.toString(), "--name", "grow", "--max-memory-restart", "40M");
        Await.until(
                "a memory restart",
                20_000,
                () -> named(d.list(), "grow").path("restarts").asInt() >= 1);
        JsonNode desc = d.ok("describe", "grow", "--json").json().get(0);
        JsonNode history = desc.path("restartHistory");
        assertTrue(history.size() >= 1, desc.toString());
        assertTrue(history.get(0).path("outcome").asText().startsWith("restarted (memory limit: "), history.toString());
        Await.until(
                "online again",
                10_000,
                () -> named(d.list(), "grow").path("status").asText().equals("online"));
        d.ok("delete", "all");
    }

    @Test
    void prometheusEndpointServesOnLoopbackSurvivesADaemonRestartAndTurnsOff() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        d.ok("start", "sleep", "--name", "nap", "--", "600");
        String out = d.ok("metrics", "--port", Integer.toString(port)).out();
        assertTrue(out.contains("http://127.0.0.1:" + port + "/metrics"), out);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .build();
        // the first stats tick may come before the worker's first memory sample: wait for one that has it
        Await.until("nap in the scrape with its memory", 10_000, () -> {
            String b = scrape(http, get);
            String series = "jpm_worker_memory_bytes{app=\"nap\",id=\"0\"}";
            return b.contains(series + " ") && sample(b, series) > 0;
        });
        String body = scrape(http, get);
        assertEquals(1, sample(body, "jpm_worker_up{app=\"nap\",id=\"0\"}"));
        assertEquals(0, sample(body, "jpm_worker_restarts_total{app=\"nap\",id=\"0\"}"));
        assertEquals(1, sample(body, "jpm_worker_status{app=\"nap\",id=\"0\",status=\"online\"}"));
        assertTrue(sample(body, "jpm_worker_uptime_seconds{app=\"nap\",id=\"0\"}") >= 0);
        assertTrue(body.contains("jpm_worker_cpu_percent{app=\"nap\",id=\"0\"}"), body);

        d.ok("kill");
        d.ok("ping");
        Await.until("the next daemon serves it again", 10_000, () -> scrape(http, get)
                .contains("jpm_host_cpu"));

        assertTrue(d.ok("metrics", "--port", "0").out().contains("off"));
        assertThrows(IOException.class, () -> http.send(get, HttpResponse.BodyHandlers.ofString()));
        assertEquals(2, d.jpm("metrics", "--port", "70000").code());
        assertEquals(0, d.list().size(), "kill is a reset, as PM2's: the next daemon starts empty");
    }

    static String scrape(HttpClient http, HttpRequest get) {
        try {
            HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    static double sample(String body, String series) {
        for (String line : body.split("\n")) {
            if (line.startsWith(series + " ")) return Double.parseDouble(line.substring(series.length() + 1));
        }
        fail("no " + series + " in:\n" + body);
        return 0;
    }
}
