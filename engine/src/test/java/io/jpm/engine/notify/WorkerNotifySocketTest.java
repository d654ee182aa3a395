package io.jpm.engine.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real senders (python's socket module, as a worker would use it) to a real socket. */
class WorkerNotifySocketTest {
    private static final String SEND = "import os, socket\n"
            + "s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)\n"
            + "s.sendto(os.environ['MESSAGE'].encode(), os.environ['NOTIFY_SOCKET'])\n"
            + "import sys; sys.stdin.read()\n"; // stays until the test has read its message, as a worker would

    @TempDir
    Path tmp;

    private final BlockingQueue<Notification> received = new LinkedBlockingQueue<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<Process> senders = new ArrayList<>();

    @AfterEach
    void noSenderLeft() {
        senders.forEach(Process::destroyForcibly);
    }

    @BeforeEach
    void python() {
        assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/python3")) || onPath("python3"),
                "python3 plays the worker and is not installed");
    }

    @Test
    void aWorkersMessageComesWithItsKernelCheckedPid() throws Exception {
        try (WorkerNotifySocket socket =
                WorkerNotifySocket.start(tmp.resolve("notify.sock"), received::add, warnings::add, () -> 42)) {
            Process worker = send(socket, "READY=1\nSTATUS=up", "python3", "-c", SEND);
            Notification n = next();
            assertEquals(worker.pid(), n.senderPid());
            assertEquals(ProcessHandle.current().pid(), n.ancestry().get(1), "its parent: this test");
            assertTrue(n.message().ready());
            assertEquals(Optional.of("up"), n.message().status());
            assertEquals(42, n.receivedNanos());
        }
        assertEquals(List.of(), warnings);
        assertFalse(Files.exists(tmp.resolve("notify.sock")), "close removes the socket file");
    }

    @Test
    void aGrandchildsMessageNamesTheWorkerInItsAncestry() throws Exception {
        try (WorkerNotifySocket socket =
                WorkerNotifySocket.start(tmp.resolve("notify.sock"), received::add, warnings::add, System::nanoTime)) {
            // `; exit $?` keeps sh from exec'ing python in its place
            Process worker = send(socket, "WATCHDOG=1", "sh", "-c", "python3 -c \"$SEND\"; exit $?");
            Notification n = next();
            assertTrue(n.message().watchdogPing());
            assertTrue(n.senderPid() != worker.pid(), "sent by the child, not the worker itself");
            assertEquals(worker.pid(), n.ancestry().get(1));
        }
    }

    @Test
    void aStaleSocketFileIsReplaced() throws Exception {
        Path path = tmp.resolve("notify.sock");
        Files.writeString(path, "left over");
        try (WorkerNotifySocket socket =
                WorkerNotifySocket.start(path, received::add, warnings::add, System::nanoTime)) {
            send(socket, "READY=1", "python3", "-c", SEND);
            assertTrue(next().message().ready());
        }
    }

    private Process send(WorkerNotifySocket socket, String message, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("NOTIFY_SOCKET", socket.address());
        pb.environment().put("MESSAGE", message);
        pb.environment().put("SEND", SEND);
        Process p = pb.start();
        senders.add(p);
        return p;
    }

    /** The next notification; then the senders may exit. */
    private Notification next() throws Exception {
        Notification n = received.poll(30, TimeUnit.SECONDS);
        assertNotNull(n, "no notification in 30 s");
        for (Process p : senders) {
            p.getOutputStream().close();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
        }
        senders.clear();
        return n;
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) return true;
        }
        return false;
    }
}
