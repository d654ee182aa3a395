package io.jpm.tui.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.ipc.DaemonUnreachableException;
import io.jpm.ipc.LocalControlClient;
import io.jpm.ipc.ProcessState;
import io.jpm.ipc.Reply;
import io.jpm.ipc.Request;
import io.jpm.ipc.Version;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** The daemon-level verbs: ping, kill and version. */
final class Commands {
    private Commands() {}

    @Command(name = "ping", description = "Start the daemon if needed and check that it answers.")
    static final class Ping extends OneLineCommand {
        Request request() {
            return new Request.Ping();
        }

        String line(JsonNode r) {
            return "pong (jpm daemon " + r.path("version").asText() + ", pid "
                    + r.path("pid").asLong() + ")";
        }
    }

    @Command(name = "kill", description = "Stop every app gracefully, then the daemon.")
    static final class Kill implements Callable<Integer> {
        @ParentCommand
        Jpm jpm;

        @Override
        public Integer call() {
            try {
                Optional<Reply> reply = new LocalControlClient(jpm.home().controlSocket()).call(new Request.Kill());
                if (reply.isEmpty()) {
                    jpm.out().println("no daemon is running for " + jpm.home());
                    return 0;
                }
                if (!reply.get().ok())
                    throw new CliException(reply.get().error().message());
                long pid = reply.get().result().path("pid").asLong();
                // a zombie has exited; its parent (init, as the daemon runs detached) reaps it when it will
                long deadline = System.nanoTime() + 150_000_000_000L;
                while (ProcessState.isRunning(pid) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                if (ProcessState.isRunning(pid)) throw new CliException("the daemon (pid " + pid + ") did not exit");
                jpm.out().println("daemon stopped (pid " + pid + ")");
                return 0;
            } catch (DaemonUnreachableException e) {
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
