package io.jpm.ipc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

class ZmqThreadsTest {
    @Test
    void aContextThatCannotTerminateIsLeftAfterTheLimit() {
        ZContext context = new ZContext(1);
        // a socket the ZContext does not know of: its termination waits for that socket's close, which never comes
        ZMQ.Socket stray = context.getContext().socket(SocketType.PUB);
        stray.setLinger(0);
        long start = System.nanoTime();
        assertFalse(ZmqThreads.closeWithin(context, 300));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms >= 300 && ms < 5_000, "returned after " + ms + " ms");
        stray.close(); // lets the termination end, so that the test leaves no thread behind
    }

    @Test
    void aContextThatTerminatesIsClosedWithinTheLimit() {
        ZContext context = new ZContext(1);
        context.createSocket(SocketType.PUB).bind("tcp://127.0.0.1:*");
        assertTrue(ZmqThreads.closeWithin(context, 10_000));
        assertTrue(context.isClosed());
    }

    @Test
    void theContextsThreadsHaveTheirOwnStackAndReportTheirDeath() throws Exception {
        List<String> logged = new ArrayList<>();
        ZContext context = new ZContext(1);
        ZmqThreads.configure(context, logged::add);
        List<Thread> made = new ArrayList<>();
        var factory = context.getThreadFactory();
        context.setThreadFactor((task, name) -> {
            Thread t = factory.apply(task, name);
            made.add(t);
            return t;
        });
        context.createSocket(SocketType.PUB).bind("tcp://127.0.0.1:*");
        assertEquals(2, made.size(), "the I/O thread and the reaper: " + made);
        for (Thread t : made) assertTrue(t.isDaemon(), t.getName());
        Thread dying = ZmqThreads.newThread(
                () -> {
                    throw new StackOverflowError();
                },
                "dying");
        dying.setUncaughtExceptionHandler(made.get(0).getUncaughtExceptionHandler());
        dying.start();
        dying.join();
        assertEquals(List.of("ZeroMQ thread dying died: java.lang.StackOverflowError"), logged);
        assertTrue(ZmqThreads.closeWithin(context, 10_000));
    }
}
