package io.jpm.engine.daemon;

import io.jpm.ipc.JpmHome;
import io.jpm.ipc.LocalControlServer;
import java.util.Optional;

/** Entry point of the daemon process: {@code bin/jpm-daemon}, started detached by any client. */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        JpmHome home = JpmHome.fromEnvironment(System.getenv()).ensureCreated();
        DaemonLogWriter log = new DaemonLogWriter(System.out, DaemonLogFile.ofStdio(home.daemonLog()));
        Optional<DaemonLock> lock = DaemonLock.tryAcquire(home);
        if (lock.isEmpty()) {
            log.info("another daemon already runs for " + home + "; this one exits");
            return;
        }
        Optional<String> problem = LocalControlServer.pathProblem(home.controlSocket());
        if (problem.isPresent()) {
            log.warn("cannot start: " + problem.get());
            lock.get().close();
            System.exit(1);
        }
        try (DaemonLock held = lock.get()) {
            Daemon daemon = Daemon.start(home, log, System::nanoTime, System::currentTimeMillis);
            daemon.awaitTermination();
        }
        System.exit(0);
    }
}
