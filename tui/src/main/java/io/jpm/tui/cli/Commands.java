package io.jpm.tui.cli;

import io.jpm.ipc.CommandException;
import io.jpm.ipc.DaemonUnreachableException;
import io.jpm.ipc.JpmClient;
import io.jpm.ipc.LocalTransport;
import io.jpm.ipc.NoDaemonException;
import io.jpm.ipc.ProcessState;
import io.jpm.ipc.Request;
import io.jpm.ipc.Version;
import io.jpm.ipc.wire.Results;
import io.jpm.tui.CliException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** The daemon-level verbs: ping, kill and version. */
final class Commands {
    private Commands() {}

    @Command(name = "ping", description = "Start the daemon if needed and check that it answers.")
    static final class Ping extends OneLineCommand<Results.Pong> {
        Request<Results.Pong> request() {
            return new Request.Ping();
        }

        String line(Results.Pong r) {
            return "pong (jpm daemon " + r.version() + ", pid " + r.pid() + ")";
        }
    }

    @Command(name = "kill", description = "Stop every app gracefully, then the daemon.")
    static final class Kill implements Callable<Integer> {
        @ParentCommand
        Jpm jpm;

        @Override
        public Integer call() {
            if (jpm.remoteHost().isPresent()) {
                long pid = jpm.call(new Request.Kill()).pid();
                jpm.out().println("daemon on " + jpm.remoteHost().get().name() + " stopping (pid " + pid + ")");
                return 0;
            }
            // no ping first: the kill goes straight to the local socket, and nothing listening there means no daemon
            try (JpmClient c = new JpmClient(new LocalTransport(jpm.home()))) {
                long pid = c.kill().pid();
                // a zombie has exited; its parent (init, as the daemon runs detached) reaps it when it will
                long deadline = System.nanoTime() + 150_000_000_000L;
                while (ProcessState.isRunning(pid) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                if (ProcessState.isRunning(pid)) throw new CliException("the daemon (pid " + pid + ") did not exit");
                jpm.out().println("daemon stopped (pid " + pid + ")");
                return 0;
            } catch (NoDaemonException e) {
                jpm.out().println("no daemon is running for " + jpm.home());
                return 0;
            } catch (DaemonUnreachableException | CommandException e) {
                throw new CliException(e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException("interrupted");
            }
        }
    }

    @Command(name = "version", description = "Print the version of jpm.")
    static final class VersionCommand implements Callable<Integer> {
        @ParentCommand
        Jpm jpm;

        @Override
        public Integer call() {
            jpm.out().println("jpm " + Version.get());
            return 0;
        }
    }
}
