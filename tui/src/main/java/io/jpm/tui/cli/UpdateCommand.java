package io.jpm.tui.cli;

import io.jpm.ipc.CommandException;
import io.jpm.ipc.DaemonInfo;
import io.jpm.ipc.DaemonUnreachableException;
import io.jpm.ipc.ErrorCode;
import io.jpm.ipc.JpmClient;
import io.jpm.ipc.LocalTransport;
import io.jpm.ipc.NoDaemonException;
import io.jpm.ipc.ProcessState;
import io.jpm.ipc.Request;
import io.jpm.ipc.wire.Results;
import io.jpm.ipc.wire.WorkerView;
import io.jpm.tui.CliException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jpm update} (PM2's {@code update}, alias {@code updatePM2}): replaces the running daemon by one started from
 * the jars installed now. PM2 saves, kills its daemon with every app, starts a new one and resurrects; jpm's daemon
 * ends alone, leaving its apps running and recorded in state.json, and the new daemon adopts them as after a crash:
 * no app restarts and dump.json is left as the user saved it.
 */
@Command(
        name = "update",
        aliases = "updatePM2",
        description = "Replace the daemon by one of the jpm installed now; the apps keep running and the new daemon"
                + " adopts them.")
final class UpdateCommand implements Callable<Integer> {
    /** How long the old daemon may take to record its apps and exit. */
    private static final long EXIT_TIMEOUT_NANOS = 60_000_000_000L;

    @ParentCommand
    Jpm jpm;

    @Override
    public Integer call() {
        jpm.requireLocal("update");
        long old = handOver();
        if (old > 0) awaitExit(old);
        Results.Pong pong = jpm.call(new Request.Ping()); // nothing listens now: this starts the new daemon
        List<WorkerView> workers = jpm.call(new Request.ListWorkers()).workers();
        long adopted = workers.stream().filter(WorkerView::adopted).count();
        jpm.out()
                .println((old > 0 ? "daemon " + old + " replaced by " : "no daemon was running; started ")
                        + pong.pid() + " (jpm " + pong.version() + "): " + adopted + " of " + workers.size()
                        + " workers adopted, running on"
                        + (adopted < workers.size()
                                ? "; the others started again (node's cluster workers end with their primary,"
                                        + " the daemon)"
                                : ""));
        return 0;
    }

    /**
     * Asks the running daemon to end alone; its pid, or 0 when none runs. A daemon older than this verb does not know
     * it: it is ended with SIGKILL, as by a crash, which a daemon survives by design (state.json holds every change
     * before it is acknowledged, and the next daemon adopts the workers).
     */
    private long handOver() {
        try (JpmClient c = new JpmClient(new LocalTransport(jpm.home()))) {
            return c.call(new Request.Update()).pid();
        } catch (NoDaemonException e) {
            return 0;
        } catch (CommandException e) {
            if (e.code() != ErrorCode.UNKNOWN_COMMAND) throw new CliException(e.getMessage());
            long pid = DaemonInfo.read(jpm.home())
                    .map(DaemonInfo::pid)
                    .orElseThrow(() -> new CliException("the daemon does not know update, and names no pid"));
            jpm.err().println("jpm: the running daemon predates jpm update; ending it as a crash would (SIGKILL)");
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            return pid;
        } catch (DaemonUnreachableException e) {
            throw new CliException(e.getMessage());
        }
    }

    private static void awaitExit(long pid) {
        long deadline = System.nanoTime() + EXIT_TIMEOUT_NANOS;
        try {
            while (ProcessState.isRunning(pid) && System.nanoTime() < deadline) Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
        if (ProcessState.isRunning(pid)) throw new CliException("the daemon (pid " + pid + ") did not exit");
    }
}
