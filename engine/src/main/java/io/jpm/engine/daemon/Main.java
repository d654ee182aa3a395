package io.jpm.engine.daemon;

import io.jpm.engine.config.DaemonEnvironment;
import io.jpm.engine.notify.SdNotify;
import io.jpm.engine.process.Posix;
import io.jpm.ipc.JpmHome;
import io.jpm.ipc.LocalControlServer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Entry point of the daemon process: {@code bin/jpm-daemon}, started detached by any client, or in the foreground
 * by a service manager (see {@link DaemonMode}).
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        DaemonMode mode;
        try {
            mode = DaemonMode.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("jpm-daemon: " + e.getMessage());
            System.exit(2);
            return;
        }
        JpmHome home = JpmHome.fromEnvironment(System.getenv()).ensureCreated();
        Optional<DaemonLock> lock = DaemonLock.tryAcquire(home);
        if (mode.foreground()) {
            if (lock.isEmpty()) {
                System.err.println("jpm-daemon: another daemon already runs for " + home
                        + "; stop it first (jpm kill) to run this one in the foreground");
                System.exit(1);
            }
            // the service manager's log gets this line; everything after it goes where `jpm` users look
            System.out.println("jpm daemon: home " + home + ", log " + home.daemonLog());
            System.out.flush();
            Posix.redirect(home.daemonLog(), 1, 2);
        }
        DaemonLogWriter log = new DaemonLogWriter(System.out, DaemonLogFile.ofStdio(home.daemonLog()));
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
        SdNotify notify = SdNotify.fromEnvironment(mode.foreground() ? System.getenv() : Map.of(), log::warn);
        try (DaemonLock held = lock.get()) {
            Daemon daemon = Daemon.start(
                    home,
                    log,
                    System::nanoTime,
                    System::currentTimeMillis,
                    mode,
                    notify,
                    DaemonEnvironment.of(System.getenv()));
            daemon.awaitTermination();
        }
        System.exit(0);
    }
}
