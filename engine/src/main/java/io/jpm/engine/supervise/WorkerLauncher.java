package io.jpm.engine.supervise;

import io.jpm.engine.cluster.ClusterLaunch;
import io.jpm.engine.config.AppSpec;
import io.jpm.engine.logs.AppLogs;
import io.jpm.engine.logs.LogPump;
import io.jpm.engine.logs.LogReader;
import io.jpm.engine.logs.Publisher;
import io.jpm.engine.nodeipc.NodeChannels;
import io.jpm.engine.notify.WorkerNotifySocket;
import io.jpm.engine.policy.Exit;
import io.jpm.engine.process.Posix;
import io.jpm.engine.process.Spawner;
import io.jpm.ipc.JpmHome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * Starts worker processes: their environment, their two FIFOs, the spawn itself, the log pumps on the read ends,
 * and the hook that reports the exit to the actor. The call to {@link Spawner} and the exit hook are each in one
 * place ({@link #start}). Talks to the OS only; the worker's state is changed by the caller.
 */
public final class WorkerLauncher {
    /** The variable in every worker's environment that lets a later daemon recognise its own workers. */
    public static final String MARKER = "JPM_WORKER";

    /** Told on the actor when a process started here has exited. */
    interface ExitListener {
        void exited(App app, Worker w, RunningProcess p, Exit exit);
    }

    private final Executor actor;
    private final Path runDir;
    private final String workerTag;
    private final LongSupplier nanoClock;
    private final LongSupplier wallClock;
    private final Publisher publisher;
    private final LogReader logReader;
    private final NodeWorkers node;
    private ExitListener exits;

    public WorkerLauncher(
            Executor actor,
            Path runDir,
            String workerTag,
            LongSupplier nanoClock,
            LongSupplier wallClock,
            Publisher publisher,
            LogReader logReader,
            NodeWorkers node) {
        this.actor = actor;
        this.runDir = runDir;
        this.workerTag = workerTag;
        this.nanoClock = nanoClock;
        this.wallClock = wallClock;
        this.publisher = publisher;
        this.logReader = logReader;
        this.node = node;
    }

    /** {@code p} is now the current process of {@code w}: node's readiness learns it (cluster routing hears it from Lifecycle). */
    void current(App app, Worker w, RunningProcess p) {
        node.current(app, w, p);
    }

    void onExit(ExitListener listener) {
        this.exits = listener;
    }

    /** The tag of {@code home} that starts the marker value of each of its workers. */
    public static String homeTag(JpmHome home) {
        return Integer.toHexString(home.root().toString().hashCode());
    }

    /** The value of {@link #MARKER} for worker {@code workerId} of this home. */
    public String markerValue(int workerId) {
        return workerTag + ":" + workerId;
    }

    /** PM2's increment_var: the variable's number in the app's environment (0 when unset or not a number). */
    private static long incremented(String base) {
        try {
            return base == null ? 0 : Long.parseLong(base.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The environment of a worker's next process: {@code base}, the instance variables, the marker, the cluster port,
     * and systemd's {@code NOTIFY_SOCKET} (the daemon's, see {@link WorkerNotices}) with {@code WATCHDOG_USEC} when
     * the app sets watchdog_sec.
     */
    Map<String, String> environment(AppSpec spec, Worker w, Map<String, String> base) {
        Map<String, String> env = new HashMap<>(base);
        String index = Integer.toString(w.instance());
        if (spec.run().instanceVar() != null) {
            env.put(spec.run().instanceVar(), index);
        } else {
            env.put("JPM_INSTANCE", index);
            env.put("NODE_APP_INSTANCE", index);
        }
        String increment = spec.run().incrementVar();
        if (increment != null) env.put(increment, Long.toString(incremented(env.get(increment)) + w.instance()));
        env.put("JPM_APP", spec.name());
        env.put("JPM_ID", Integer.toString(w.id()));
        env.put(MARKER, markerValue(w.id()));
        if (w.port() > 0) env.put("PORT", Integer.toString(w.port()));
        env.put("NOTIFY_SOCKET", runDir.resolve(WorkerNotifySocket.FILE).toString());
        long watchdogMs = spec.restart().watchdogMs();
        if (watchdogMs > 0) env.put("WATCHDOG_USEC", Long.toString(watchdogMs * 1000));
        else env.remove("WATCHDOG_USEC");
        return env;
    }

    /** The descriptors a new process inherits: the app's listening sockets first, then node's IPC channel. */
    private static List<Integer> passed(ClusterLaunch launch, NodeChannels.Pending channel) {
        List<Integer> fds = new ArrayList<>(launch == null ? List.of() : launch.passFds());
        if (channel != null) fds.add(channel.theirs());
        return fds;
    }

    /**
     * Starts a process for {@code w} without making it current, and reports its exit to the listener. {@code launch}
     * is what cluster routing handed out for it (its private port or the shared socket), or null.
     */
    RunningProcess start(App app, Worker w, Map<String, String> baseEnv, ClusterLaunch launch) throws IOException {
        AppSpec spec = app.spec();
        Map<String, String> env = environment(spec, w, baseEnv);
        if (launch != null && launch.port() > 0) env.put("PORT", Integer.toString(launch.port()));
        if (launch != null && !launch.passFds().isEmpty()) env.put("LISTEN_FDNAMES", spec.name());
        long gen = nanoClock.getAsLong();
        Path out = runDir.resolve("w" + w.id() + "-" + gen + ".out");
        Path err = runDir.resolve("w" + w.id() + "-" + gen + ".err");
        Spawner.Spawned s;
        NodeChannels.Pending channel = null;
        try {
            channel = node.prepare(
                    app, w, env, 3 + (launch == null ? 0 : launch.passFds().size()));
            s = Spawner.spawn(
                    launch == null
                            ? spec.run().command()
                            : launch.argv(spec.run().command()),
                    spec.run().cwd(),
                    env,
                    out,
                    err,
                    passed(launch, channel),
                    launch == null ? 0 : launch.passFds().size());
        } catch (IOException | RuntimeException e) {
            if (channel != null) channel.discard();
            throw e;
        }
        node.started(app, w, s.pid(), channel); // before anything else can fail: the channel is the process's now
        RunningProcess p = new RunningProcess(
                s.pid(),
                s.startTicks(),
                s.handle(),
                out,
                err,
                baseEnv,
                wallClock.getAsLong(),
                nanoClock.getAsLong(),
                false);
        attachLogs(app, w, s.stdout(), s.stderr(), launch == null ? null : launch.readyWatcher());
        s.exit()
                .thenAccept(exit -> actor.execute(() -> {
                    node.exited(p);
                    exits.exited(app, w, p, exit);
                }));
        return p;
    }

    /** Reopens the FIFOs of a process an earlier daemon started and pumps them into the worker's logs again. */
    void reattachLogs(App app, Worker w, RunningProcess p) throws IOException {
        int[] fds = Spawner.reopen(p.outFifo(), p.errFifo());
        attachLogs(app, w, fds[0], fds[1], null);
    }

    /** Hands the worker's two read ends to the log reader, which owns them from here (closed here on failure). */
    private void attachLogs(App app, Worker w, int out, int err, LogPump.LineWatcher stdoutWatcher) throws IOException {
        LogPump outPump;
        LogPump errPump;
        try {
            AppLogs logs = app.logs();
            AppLogs.Pair files = logs.forWorker(w.id());
            outPump = new LogPump(
                    app.name(),
                    w.id(),
                    "out",
                    files.out(),
                    files.both(),
                    w.lineSeq("out"),
                    w.unwrittenLines(),
                    logs.timestamps(),
                    logs.jsonLines(),
                    publisher,
                    stdoutWatcher);
            errPump = new LogPump(
                    app.name(),
                    w.id(),
                    "err",
                    files.err(),
                    files.both(),
                    w.lineSeq("err"),
                    w.unwrittenLines(),
                    logs.timestamps(),
                    logs.jsonLines(),
                    publisher,
                    null);
        } catch (IOException | RuntimeException e) {
            Posix.close(out);
            Posix.close(err);
            throw e;
        }
        try {
            logReader.add(out, outPump);
        } catch (IOException e) {
            Posix.close(err);
            throw e;
        }
        logReader.add(err, errPump);
    }
}
