package io.jpm.tui.cli;

import io.jpm.ipc.ControlServer;
import io.jpm.ipc.CurveKeys;
import io.jpm.ipc.ErrorCode;
import io.jpm.ipc.JpmHome;
import io.jpm.ipc.LocalControlServer;
import io.jpm.ipc.Reply;
import io.jpm.ipc.Request;
import io.jpm.ipc.Version;
import io.jpm.ipc.wire.AppConfig;
import io.jpm.ipc.wire.Results;
import io.jpm.ipc.wire.Series;
import io.jpm.ipc.wire.WorkerDetail;
import io.jpm.ipc.wire.WorkerStatus;
import io.jpm.ipc.wire.WorkerView;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The workload {@code bin/jpm} records into the JVM's AOT cache (JDK 25 and later): the common verbs, run in this
 * process against a stand-in daemon (a real {@link LocalControlServer}, which the one-shot verbs use, and a CURVE
 * {@link ControlServer}) in a temporary home that is deleted afterwards. It never touches the user's JPM_HOME.
 *
 * <p>The stand-in runs in a child JVM ({@code --stand-in <home>}, which exits when its stdin closes): the JVM loads
 * every class of the cache at start-up, so a stand-in in this process would put the server's classes (databind's
 * request deserializers, JeroMQ, CURVE) into every command's start.
 */
public final class AotTraining {
    /** The command lines replayed, each a few times so that their methods get profiled. */
    private static final List<String[]> COMMANDS = List.of(
            new String[] {"version"},
            new String[] {"ping"},
            new String[] {"list"},
            new String[] {"list", "--json"},
            new String[] {"describe", "web"},
            new String[] {"start", "sleep", "--name", "s", "-i", "2", "--", "3600"},
            new String[] {"stop", "all"},
            new String[] {"delete", "all"},
            new String[] {"start", "--help"},
            new String[] {"--help"},
            new String[] {"no-such-verb"});

    /**
     * The command lines of the ping cache ({@code --verbs ping}): verbs that {@link FastPath} runs and that print one
     * line, so that the cache, which the JVM loads whole at start-up, holds neither picocli nor the table's classes.
     */
    private static final List<String[]> PING_COMMANDS =
            List.of(new String[] {"version"}, new String[] {"ping"}, new String[] {"kill"});

    /** The command lines of the fast-path cache ({@code --verbs fast}): the other verbs that {@link FastPath} runs. */
    private static final List<String[]> FAST_PATH_COMMANDS = List.of(
            new String[] {"list"},
            new String[] {"list", "--json"},
            new String[] {"describe", "web"},
            new String[] {"describe", "web", "--json"},
            new String[] {"stop", "web"},
            new String[] {"restart", "web"},
            new String[] {"delete", "web"});

    private static final Results.Workers WORKERS = new Results.Workers(List.of(
            WorkerView.builder(0, "web", WorkerStatus.ONLINE)
                    .pid(4242L)
                    .restarts(1)
                    .uptimeMs(123_456)
                    .cpu(1.5)
                    .memory(52_428_800)
                    .build(),
            WorkerView.builder(1, "worker", WorkerStatus.ERRORED)
                    .restarts(16)
                    .unstableRestarts(16)
                    .lastExit("exit code 1")
                    .reason("too many unstable restarts")
                    .build()));

    private static final Results.Details DETAILS = new Results.Details(List.of(new WorkerDetail(
            WORKERS.workers().get(0),
            new AppConfig(List.of(
                    new AppConfig.Entry("script", new AppConfig.Text("server.js")),
                    new AppConfig.Entry("instances", new AppConfig.Whole(1)),
                    new AppConfig.Entry("autorestart", new AppConfig.Flag(true)))),
            Map.of("PORT", "3000"),
            new WorkerDetail.LogPaths("/tmp/web-out.log", "/tmp/web-error.log", 0),
            List.of(new WorkerDetail.ExitRecord(1_700_000_000_000L, "code 1", "restarted")),
            1_700_000_000_000L,
            null,
            new WorkerDetail.Usage("process", 1000, new Series(new double[] {1, 2}, new long[] {1 << 20, 2 << 20})),
            null,
            null,
            List.of())));

    private AotTraining() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length == 2 && args[0].equals("--stand-in")) {
            standIn(JpmHome.at(Path.of(args[1])));
            return;
        }
        List<String[]> commands = COMMANDS;
        if (args.length == 2 && args[0].equals("--verbs")) {
            commands = switch (args[1]) {
                case "ping" -> PING_COMMANDS;
                case "fast" -> FAST_PATH_COMMANDS;
                default -> throw new IllegalArgumentException("--verbs takes ping or fast: " + args[1]);
            };
        }
        Path dir = Files.createTempDirectory("jpm-aot-training-");
        Process standIn = null;
        try {
            JpmHome home = JpmHome.at(dir.resolve("home")).ensureCreated();
            standIn = new ProcessBuilder(
                            ProcessHandle.current().info().command().orElse("java"),
                            "-XX:+UseSerialGC",
                            "-XX:TieredStopAtLevel=1",
                            "-cp",
                            System.getProperty("java.class.path"),
                            AotTraining.class.getName(),
                            "--stand-in",
                            home.root().toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            // one line once both servers answer, or end of stream if the stand-in failed
            if (standIn.inputReader().readLine() == null) throw new IOException("the stand-in daemon did not start");
            Map<String, String> env = Map.of("JPM_HOME", home.root().toString(), "NO_COLOR", "1");
            for (int round = 0; round < 3; round++) {
                for (String[] command : commands) run(home, env, dir, command);
            }
            // what the java launcher and Jpm.main do around the verb and that the runs above skip: find the entry
            // point's main method, copy the environment, and (picocli's verbs) System.exit, which asks the
            // java.lang.Runtime logger whether to log the exit
            mainMethod();
            Map.copyOf(System.getenv());
            if (commands == COMMANDS) System.getLogger("java.lang.Runtime").isLoggable(System.Logger.Level.DEBUG);
        } finally {
            if (standIn != null) {
                standIn.getOutputStream().close();
                if (!standIn.waitFor(10, TimeUnit.SECONDS))
                    standIn.destroyForcibly().waitFor();
            }
            deleteTree(dir);
        }
    }

    /** Looks {@link Main}'s {@code main} up as the java launcher does, so that the cache holds what that loads. */
    private static void mainMethod() {
        try {
            Main.class.getMethod("main", String[].class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Serves the stand-in daemon in {@code home} until stdin closes. */
    private static void standIn(JpmHome home) throws IOException {
        home.ensureCreated();
        CurveKeys.Pair serverKeys = CurveKeys.serverPair(home);
        CurveKeys.clientPair(home);
        try (ControlServer server = ControlServer.start(home, serverKeys, AotTraining::answer, m -> {});
                LocalControlServer local = LocalControlServer.start(
                        home.controlSocket(), AotTraining::answer, m -> {}, System::nanoTime)) {
            server.info(Version.get(), System.currentTimeMillis()).write(home);
            System.out.println("ready");
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the training run closes our stdin
            }
        }
    }

    private static void run(JpmHome home, Map<String, String> env, Path cwd, String[] command) {
        try (Jpm jpm = new Jpm(
                home, env, cwd, new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true))) {
            jpm.execute(command);
        }
    }

    /** The stand-in daemon's answers (also {@code FastPathTest}'s): ping, list, and describe, stop and restart of web. */
    static CompletableFuture<Reply> answer(Request<?> request) {
        Reply reply =
                switch (request) {
                    case Request.Ping p ->
                        Reply.ok(new Results.Pong(
                                Version.get(), ProcessHandle.current().pid()));
                    case Request.ListWorkers l -> Reply.ok(WORKERS);
                    case Request.Describe d when d.target().equals("web") -> Reply.ok(DETAILS);
                    case Request.Stop s
                    when s.target().equals("web") -> Reply.ok(new Results.Changed("web", WORKERS.workers()));
                    case Request.Restart r
                    when r.target().equals("web") -> Reply.ok(new Results.Changed("web", WORKERS.workers()));
                    default -> Reply.error(ErrorCode.UNKNOWN_APP, "the training daemon knows no app");
                };
        return CompletableFuture.completedFuture(reply);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
