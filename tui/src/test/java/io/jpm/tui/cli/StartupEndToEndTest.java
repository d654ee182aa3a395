package io.jpm.tui.cli;

import static io.jpm.tui.cli.ForkModeEndToEndTest.pidOf;
import static io.jpm.tui.cli.ForkModeEndToEndTest.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jpm.ipc.ProcessState;
import io.jpm.testing.Await;
import io.jpm.tui.DaemonConnector;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code jpm startup}: the unit it writes, checked by systemd's own verifier, installed into an offline tree by
 * the real systemctl, and its {@code ExecStart} run exactly as systemd would run it, with a stand-in
 * {@code NOTIFY_SOCKET} that records what the daemon says.
 */
class StartupEndToEndTest extends DaemonTest {
    @Test
    void theUnitPassesSystemdAnalyzeVerifyWithoutAWarning() throws Exception {
        assumeTrue(onPath("systemd-analyze"), "systemd-analyze is not installed, so the unit cannot be verified here");
        Path unit = tmp.resolve("jpm-verify.service");
        Files.writeString(unit, d.ok("startup", "--print").out());
        Process verify = new ProcessBuilder("systemd-analyze", "verify", unit.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(verify.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, verify.exitValue(), out);
        assertEquals("", out.strip(), "systemd-analyze verify warned");
    }

    @Test
    void theUnitRunsTheDaemonOfThisTreeForThisHomeAndKeepsTheAppsOnStop() {
        String unit = d.ok("startup", "--print").out();
        assertTrue(unit.startsWith(SystemdUnit.MARK + "\n"), unit);
        assertTrue(unit.contains("\nType=notify\n"), unit);
        assertTrue(unit.contains("\nKillMode=process\n"), unit);
        assertTrue(unit.contains("\nRestart=on-failure\n"), unit);
        assertTrue(unit.contains("\nUser=" + System.getProperty("user.name") + "\n"), unit);
        assertEquals(d.home.root().toString(), environment(unit).get("JPM_HOME"));
        assertEquals(
                List.of(
                        DaemonConnector.daemonScript()
                                .toAbsolutePath()
                                .normalize()
                                .toString(),
                        "--foreground",
                        "--on-sigterm=keep-apps"),
                execStart(unit));
        assertFalse(d.home.daemonJson().toFile().exists(), "--print starts no daemon");
    }

    @Test
    void badChoicesAreOneLineErrors() {
        TestDaemon.Result init = d.jpm("startup", "upstart", "--print");
        assertEquals(2, init.code());
        assertEquals("jpm: unknown init system: upstart (jpm startup supports systemd only)\n", init.err());
        TestDaemon.Result user = d.jpm("startup", "--user", "no-such-user-here", "--print");
        assertEquals(1, user.code());
        assertEquals("jpm: no user no-such-user-here on this machine\n", user.err());
        TestDaemon.Result name = d.jpm("startup", "--service-name", "a/b", "--print");
        assertEquals(2, name.code());
        assertEquals("jpm: not a service name: a/b\n", name.err());
    }

    @Test
    void withoutSystemdAsInitInstallingSaysSoInOneLine() {
        assumeFalse(Files.isDirectory(Path.of("/run/systemd/system")), "systemd runs this machine");
        TestDaemon.Result r = d.jpm("startup");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("jpm: systemd is not the init system here"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertEquals("", r.out());
    }

    @Test
    void installsEnablesDisablesAndRemovesInAnOfflineTree() throws Exception {
        assumeTrue(Systemd.isRoot(), "installing needs root, and the tests do not run as root");
        assumeTrue(onPath("systemctl"), "systemctl is not installed");
        Path root = tmp.resolve("root");
        Path file = root.resolve("etc/systemd/system/jpm-test.service");
        Path wants = root.resolve("etc/systemd/system/multi-user.target.wants/jpm-test.service");

        String out = d.ok("startup", "systemd", "--service-name", "jpm-test", "--root", root.toString())
                .out();
        assertTrue(out.startsWith("wrote " + file + "\n"), out);
        assertEquals(d.ok("startup", "--print").out(), Files.readString(file));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(Files.isSymbolicLink(wants), "enabled: " + wants);

        Path foreign = root.resolve("etc/systemd/system/other.service");
        Files.writeString(foreign, "[Service]\nExecStart=/bin/true\n");
        TestDaemon.Result refused = d.jpm("unstartup", "--service-name", "other", "--root", root.toString());
        assertEquals(1, refused.code());
        assertEquals("jpm: " + foreign + " was not written by jpm startup; left as it is\n", refused.err());
        assertTrue(Files.exists(foreign));

        d.ok("unstartup", "--service-name", "jpm-test", "--root", root.toString());
        assertFalse(Files.exists(file));
        assertFalse(Files.exists(wants, java.nio.file.LinkOption.NOFOLLOW_LINKS), "disabled");
        TestDaemon.Result again = d.jpm("unstartup", "--service-name", "jpm-test", "--root", root.toString());
        assertEquals(1, again.code());
        assertTrue(again.err().startsWith("jpm: no unit " + file), again.err());
    }

    /**
     * Boot, a unit restart and a real stop, as systemd would do them: the saved app comes back at boot, SIGTERM
     * leaves it running, the next daemon adopts it, and {@code jpm kill} stops it.
     */
    @Test
    void theExecStartDaemonNotifiesResurrectsAndLeavesAppsOnSigterm() throws Exception {
        assumeTrue(onPath("python3"), "python3 stands in for systemd's notify socket and is not installed");
        Path script = d.write("keeper.sh", "#!/bin/sh\nexec sleep 300\n");
        d.ok("start", script.toString(), "--name", "keeper");
        d.ok("save");
        d.ok("kill");
        assertTrue(d.workerProcesses().isEmpty(), "the app is stopped before the 'reboot'");

        String unit = d.ok("startup", "--print").out();
        try (NotifySocket systemd = new NotifySocket(tmp.resolve("notify.sock"))) {
            Process daemon = startAsTheUnitDoes(unit, systemd, "boot");
            assertEquals("READY=1|STATUS=serving", systemd.next());
            assertEquals(daemon.pid(), d.daemonPid(), "NotifyAccess=main: the unit's main pid is the daemon");
            Await.until("resurrected", 10_000, () -> pidOf(d.list(), "keeper") > 0);
            long app = pidOf(d.list(), "keeper");

            daemon.destroy(); // SIGTERM, as `systemctl stop` sends with KillMode=process
            assertEquals("STOPPING=1", systemd.next());
            assertTrue(daemon.waitFor(30, TimeUnit.SECONDS), "the daemon exits on SIGTERM");
            assertEquals(0, daemon.exitValue());
            assertTrue(ProcessState.isRunning(app), "SIGTERM left the app running");
            assertFalse(d.home.daemonJson().toFile().exists(), "the daemon's files are cleaned up");

            Process next = startAsTheUnitDoes(unit, systemd, "restart");
            assertEquals("READY=1|STATUS=serving", systemd.next());
            assertEquals(app, pidOf(d.list(), "keeper"), "adopted, not restarted");
            assertEquals("online", row(d.list(), "keeper").path("status").asText());

            Process second = startAsTheUnitDoes(unit, systemd, "second");
            assertTrue(second.waitFor(30, TimeUnit.SECONDS));
            assertEquals(1, second.exitValue(), "one daemon per home");
            assertTrue(
                    Files.readString(tmp.resolve("second.out")).contains("another daemon already runs for"),
                    Files.readString(tmp.resolve("second.out")));

            d.ok("kill"); // the real stop
            assertEquals("STOPPING=1", systemd.next());
            assertTrue(next.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, next.exitValue(), "a clean exit: Restart=on-failure does not restart it");
            Await.until("the app stopped", 10_000, () -> !ProcessState.isRunning(app));
        }
    }

    /** Runs the unit's ExecStart with its Environment= and a NOTIFY_SOCKET, as systemd does (not in a shell). */
    private Process startAsTheUnitDoes(String unit, NotifySocket systemd, String name) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(execStart(unit));
        pb.environment().clear();
        pb.environment().putAll(environment(unit));
        pb.environment().put("NOTIFY_SOCKET", systemd.path.toString());
        pb.directory(Path.of("/").toFile());
        pb.redirectErrorStream(true).redirectOutput(tmp.resolve(name + ".out").toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        return pb.start();
    }

    private static List<String> execStart(String unit) {
        String line =
                unit.lines().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow();
        assertFalse(line.contains("\""), "a path this test cannot split: " + line);
        return List.of(line.substring("ExecStart=".length()).split(" "));
    }

    private static Map<String, String> environment(String unit) {
        Map<String, String> env = new HashMap<>();
        unit.lines().filter(l -> l.startsWith("Environment=")).forEach(l -> {
            String kv = l.substring("Environment=".length());
            assertFalse(kv.startsWith("\""), "a value this test cannot read: " + l);
            env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        });
        return env;
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) return true;
        }
        return false;
    }

    /** A stand-in for systemd's notify socket: a python datagram socket that prints each message as a line. */
    private static final class NotifySocket implements AutoCloseable {
        final Path path;
        private final Process receiver;
        private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

        NotifySocket(Path path) throws IOException, InterruptedException {
            this.path = path;
            this.receiver = new ProcessBuilder(
                            "python3",
                            "-u",
                            "-c",
                            "import socket, sys\n"
                                    + "s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)\n"
                                    + "s.bind(sys.argv[1])\n"
                                    + "print('bound')\n"
                                    + "while True:\n"
                                    + "    print(s.recv(4096).decode().replace('\\n', '|'))\n",
                            path.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            Thread reader = new Thread(
                    () -> {
                        try (BufferedReader r = new BufferedReader(
                                new InputStreamReader(receiver.getInputStream(), StandardCharsets.UTF_8))) {
                            for (String l; (l = r.readLine()) != null; ) messages.add(l);
                        } catch (IOException e) {
                            // the receiver was stopped
                        }
                    },
                    "notify-socket-reader");
            reader.setDaemon(true);
            reader.start();
            assertEquals("bound", next());
        }

        /** The next message, waiting up to 60 s (a daemon's start on a loaded machine). */
        String next() throws InterruptedException {
            String m = messages.poll(60, TimeUnit.SECONDS);
            if (m == null)
                throw new AssertionError(
                        "no message on the notify socket in 60 s; got so far: " + new ArrayList<>(messages));
            return m;
        }

        @Override
        public void close() throws InterruptedException {
            receiver.destroy();
            receiver.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
