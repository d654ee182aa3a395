package io.jpm.tui;

import io.jpm.ipc.ControlClient;
import io.jpm.ipc.CurveKeys;
import io.jpm.ipc.DaemonInfo;
import io.jpm.ipc.DaemonUnreachableException;
import io.jpm.ipc.JpmClient;
import io.jpm.ipc.JpmHome;
import io.jpm.ipc.LocalControlServer;
import io.jpm.ipc.LocalTransport;
import io.jpm.ipc.NoDaemonException;
import io.jpm.ipc.ProcessState;
import io.jpm.ipc.Reply;
import io.jpm.ipc.Request;
import io.jpm.ipc.Transport;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the daemon of a JPM_HOME, starting one (detached, in its own session) when none answers. */
public final class DaemonConnector {
    private static final long START_TIMEOUT_MS = 30_000;

    private final JpmHome home;

    public DaemonConnector(JpmHome home) {
        this.home = home;
    }

    public JpmHome home() {
        return home;
    }

    /** A client of a running daemon, or empty if none answers. Never starts one. */
    public Optional<JpmClient> existing() {
        Optional<DaemonInfo> info = DaemonInfo.read(home);
        if (info.isEmpty() || !ProcessState.isRunning(info.get().pid())) {
            return Optional.empty();
        }
        ControlClient client;
        try {
            client = new ControlClient(info.get(), CurveKeys.read(home.keys().resolve("client.key")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        try {
            Reply r = client.call(new Request.Ping(), 3_000, 1);
            if (r.ok()) return Optional.of(new JpmClient(client));
        } catch (DaemonUnreachableException e) {
            // fall through
        }
        client.close();
        return Optional.empty();
    }

    /**
     * A client for one-shot requests over the local control socket, with no ping first: when no daemon listens, one
     * is started and the request is sent as soon as it does. Its replies are read as records, and no JeroMQ class
     * is loaded.
     */
    public JpmClient local() {
        Optional<String> problem = LocalControlServer.pathProblem(home.controlSocket());
        if (problem.isPresent()) throw new CliException(problem.get());
        return new JpmClient(new StartingTransport(new LocalTransport(home)));
    }

    /** The local socket, starting the daemon when nothing listens there. */
    private final class StartingTransport implements Transport {
        private final LocalTransport local;

        StartingTransport(LocalTransport local) {
            this.local = local;
        }

        @Override
        public DaemonInfo daemon() {
            return local.daemon();
        }

        @Override
        public byte[] exchange(byte[] request, long timeoutMs, int retries) throws DaemonUnreachableException {
            try {
                return local.exchange(request, timeoutMs, retries);
            } catch (NoDaemonException e) {
                // nothing was sent: start a daemon and send the request once it listens
            }
            launch();
            long deadline = System.nanoTime() + START_TIMEOUT_MS * 1_000_000;
            while (System.nanoTime() < deadline) {
                sleep(25);
                try {
                    return local.exchange(request, timeoutMs, retries);
                } catch (NoDaemonException e) {
                    // not listening yet
                }
            }
            throw new CliException(
                    "the daemon did not start within " + START_TIMEOUT_MS / 1000 + " s; see " + home.daemonLog());
        }

        @Override
        public void close() {
            local.close();
        }
    }

    /** A client of the running daemon's event and log streams (CURVE over TCP), starting the daemon if needed. */
    public JpmClient connect() {
        Optional<JpmClient> running = existing();
        if (running.isPresent()) return running.get();
        launch();
        long deadline = System.nanoTime() + START_TIMEOUT_MS * 1_000_000;
        while (System.nanoTime() < deadline) {
            running = existing();
            if (running.isPresent()) return running.get();
            sleep(25);
        }
        throw new CliException(
                "the daemon did not start within " + START_TIMEOUT_MS / 1000 + " s; see " + home.daemonLog());
    }

    private void launch() {
        try {
            home.ensureCreated();
            Path script = daemonScript();
            ProcessBuilder pb = new ProcessBuilder("setsid", script.toString());
            pb.environment().put("JPM_HOME", home.root().toString());
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(home.daemonLog().toFile()));
            pb.redirectErrorStream(true);
            pb.start();
            Files.setPosixFilePermissions(home.daemonLog(), JpmHome.FILE_MODE);
        } catch (IOException e) {
            throw new CliException("cannot start the daemon: " + e.getMessage());
        }
    }

    /** bin/jpm-daemon, found from -Djpm.daemon, -Djpm.root, or the location of this jar. */
    public static Path daemonScript() {
        String explicit = System.getProperty("jpm.daemon");
        if (explicit != null) return Path.of(explicit);
        String root = System.getProperty("jpm.root");
        if (root != null) return Path.of(root, "bin", "jpm-daemon");
        try {
            Path jar = Path.of(DaemonConnector.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            // <root>/tui/target/jpm-tui.jar or <root>/tui/target/classes
            return jar.getParent().getParent().getParent().resolve("bin").resolve("jpm-daemon");
        } catch (Exception e) {
            throw new CliException("cannot find bin/jpm-daemon; set -Djpm.root");
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }
}
