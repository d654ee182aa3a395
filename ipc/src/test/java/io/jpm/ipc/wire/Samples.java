package io.jpm.ipc.wire;

import java.util.List;
import java.util.Map;

/** One filled-in value of every wire shape, with every optional field both present and absent somewhere. */
final class Samples {
    private Samples() {}

    static WorkerView forkWorker() {
        return WorkerView.builder(0, "api", WorkerStatus.ONLINE)
                .pid(4242L)
                .restarts(2)
                .uptimeMs(5_000)
                .cpu(3.25)
                .memory(45_678_912)
                .unstableRestarts(1)
                .lastExit("code 1")
                .build();
    }

    static WorkerView stoppedWorker() {
        return WorkerView.builder(1, "job", WorkerStatus.ERRORED)
                .restarts(15)
                .unstableRestarts(15)
                .lastExit("signal SIGKILL")
                .reason("too many unstable restarts")
                .build();
    }

    static WorkerView clusterWorker() {
        return WorkerView.builder(2, "web", WorkerStatus.WAITING_RESTART)
                .instance(1)
                .mode("cluster")
                .pid(777L)
                .uptimeMs(12)
                .cpu(100.0)
                .memory(1)
                .port(41_234)
                .ready(true)
                .conns(new Conns(1, 10, 1_200, 56_000))
                .adopted(true)
                .watching(true)
                .health("healthy")
                .build();
    }

    static List<WorkerView> workers() {
        return List.of(forkWorker(), stoppedWorker(), clusterWorker());
    }

    static WorkerDetail detail(WorkerView view, boolean withMetrics) {
        AppConfig config = new AppConfig(List.of(
                new AppConfig.Entry("script", new AppConfig.Text("server.js")),
                new AppConfig.Entry("command", new AppConfig.Unset()),
                new AppConfig.Entry("instances", new AppConfig.Whole(2)),
                new AppConfig.Entry("autorestart", new AppConfig.Flag(true)),
                new AppConfig.Entry("max_memory_restart", new AppConfig.Whole(209_715_200L)),
                new AppConfig.Entry(
                        "stop_exit_codes",
                        new AppConfig.Items(List.of(new AppConfig.Whole(0), new AppConfig.Whole(143)))),
                new AppConfig.Entry("kill_signal", new AppConfig.Text("SIGINT"))));
        return new WorkerDetail(
                view,
                config,
                new java.util.TreeMap<>(Map.of("PATH", "/usr/bin", "API_TOKEN", "********")),
                new WorkerDetail.LogPaths(
                        "/home/u/.jpm/logs/api-out.log",
                        "/home/u/.jpm/logs/api-err.log",
                        63_392,
                        "/srv/api/all.log",
                        "/home/u/.jpm/pids/api-0.pid"),
                List.of(new WorkerDetail.ExitRecord(1_764_000_000_000L, "code 1", "restart in 100 ms")),
                view.pid() == null ? null : 1_764_000_000_123L,
                view.cluster() ? 8080 : null,
                withMetrics
                        ? new WorkerDetail.Usage(
                                "process", 1000, new Series(new double[] {1.5, 2.0}, new long[] {100, 200}))
                        : null,
                view.pid() == null ? null : new WorkerDetail.NotifyStatus("serving 3 requests", 1_764_000_000_456L),
                view.watching() ? 1_764_003_600_000L : null,
                view.health() == null
                        ? List.of()
                        : List.of(new WorkerDetail.Probe(
                                "liveness",
                                "GET http://127.0.0.1:$PORT/health",
                                "healthy",
                                0,
                                new WorkerDetail.Check(1_764_000_000_500L, true, "HTTP 200", 3),
                                new WorkerDetail.Check(1_764_000_000_400L, false, "ConnectException: refused", 1))));
    }

    static Stats stats() {
        return new Stats(
                1_764_000_000_000L,
                1000,
                new Stats.Host(12.5, 2, 1_234_567_890, 25_769_803_776L),
                workers(),
                Map.of(3, 63_392L));
    }

    static ConsoleStats consoleStats() {
        return ConsoleStats.of(stats());
    }

    static History history() {
        return new History(
                1_764_000_000_000L,
                1000,
                new double[] {1.0, 2.0},
                new long[] {100, 101},
                Map.of("web", new Series(new double[] {3.0, 4.0}, new long[] {200, 210})),
                Map.of(0, new Series(new double[] {3.0, 4.0}, new long[] {200, 210}), 12, Series.EMPTY));
    }

    static LogBatch logBatch() {
        return new LogBatch(
                "api",
                0,
                "out",
                List.of(
                        new LogBatch.Line(1, 1_764_000_000_000L, "2026-12-02T00:00:00", "hello \"world\"\t", false),
                        new LogBatch.Line(2, 1_764_000_000_001L, null, "é ünïcode ✓", true)));
    }

    static LogsTail logsTail() {
        return new LogsTail(
                List.of(
                        new LogsTail.File("api", 0, "out", "/tmp/api-out.log", List.of("a", "b")),
                        new LogsTail.File("api", 0, "err", "/tmp/api-err.log", List.of())),
                new java.util.TreeMap<>(Map.of("0.out", 2L, "0.err", 0L)));
    }

    static List<WorkerEvent> events() {
        return List.of(
                WorkerEvent.of(EventKind.START, "api", 0, 0, 1L, 42L),
                WorkerEvent.of(EventKind.EXIT, "api", 0, 0, 2L, 42L).withExit(1, null),
                WorkerEvent.of(EventKind.EXIT, "api", 0, 0, 2L, 42L).withExit(null, "SIGKILL"),
                WorkerEvent.of(EventKind.RESTART, "api", 0, 0, 3L, null).withDelayMs(100),
                WorkerEvent.of(EventKind.RESTART, "api", 0, 0, 3L, 42L)
                        .withReason("max_memory_restart")
                        .withMemory(300, 200),
                WorkerEvent.of(EventKind.RELOAD, "web", 3, 1, 4L, 43L).withOldPid(42),
                WorkerEvent.of(EventKind.STOPPING, "api", 0, 0, 5L, 42L),
                WorkerEvent.of(EventKind.STOP, "api", 0, 0, 6L, null).withReason("stop_exit_codes"),
                WorkerEvent.of(EventKind.ERRORED, "api", 0, 0, 7L, null).withReason("too many unstable restarts"),
                WorkerEvent.of(EventKind.ONLINE, "api", 0, 0, 8L, 44L).withAdopted(),
                WorkerEvent.of(EventKind.DELETE, "api", 0, 0, 9L, null));
    }

    /** Every command's result, one of each. */
    static List<WireValue> results() {
        return List.of(
                new Results.Pong("0.1.0", 123),
                new Results.Remote(
                        true,
                        "tcp://10.0.0.11:7070",
                        "tcp://10.0.0.11:7071",
                        "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7"),
                new Results.Killed(123),
                new Results.Workers(workers()),
                new Results.Details(List.of(detail(forkWorker(), true))),
                new Results.Started(
                        List.of("api", "web (restarted)"), List.of("unknown key: foo"), List.of(forkWorker())),
                new Results.Changed("api", List.of(forkWorker())),
                new Results.Deleted(List.of(0, 1)),
                new Results.Scaled("web", 4),
                new Results.Signals(List.of(new Results.Signals.Sent(0, true), new Results.Signals.Sent(1, false))),
                new Results.ResetDone("api"),
                new Results.Saved("/home/u/.jpm/dump.json", 2),
                new Results.Resurrected(List.of("api")),
                new Results.Flushed(List.of("/tmp/a.log")),
                new Results.Reopened(4),
                new Results.MetricsServed(9209, "http://127.0.0.1:9209/metrics"),
                new Results.MetricsServed(0, null),
                logsTail(),
                history());
    }
}
