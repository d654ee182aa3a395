package io.jpm.ipc;

import io.jpm.ipc.internal.ZmqThreads;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.zeromq.ZMQ;

/**
 * The event half of the {@link ControlServer}: the PUB socket and the bounded queue in front of it.
 *
 * <p>Threading: {@code jpm-publisher} owns the PUB socket and drains the queue; {@link #publish} may be called from
 * any thread and never blocks: when the queue is full, by count or by bytes, the message is dropped and counted
 * (files, not subscribers, are the record). Work on the socket itself (binding the remote endpoint) is a task handed
 * to {@link #run}, which jpm-publisher runs between messages.
 */
final class EventPublisher {
    private static final int PUBLISH_QUEUE = 32_768;
    /** Bytes the publish queue may hold; a flood of log lines must not grow the heap beyond this. */
    private static final long PUBLISH_QUEUE_BYTES = 16L * 1024 * 1024;

    private static final byte[] POISON = new byte[0];
    /** A message that only wakes jpm-publisher to run its tasks. */
    private static final byte[] WAKE = new byte[0];

    private record Outgoing(byte[] topic, byte[] body) {}

    private final ZMQ.Socket pub;
    private final Consumer<String> log;
    /** Messages waiting for jpm-publisher. */
    private final BlockingQueue<Outgoing> outgoing = new ArrayBlockingQueue<>(PUBLISH_QUEUE);
    /** Messages dropped because the publish queue was full. */
    private final AtomicLong dropped = new AtomicLong();
    /** Bytes of the bodies in {@link #outgoing}. */
    private final AtomicLong queuedBytes = new AtomicLong();
    /** Tasks for jpm-publisher, which owns the PUB. */
    private final OwnerTasks tasks;
    /** The PUB's remote endpoint; jpm-publisher's. */
    private final RemoteEndpoint remote;

    private final Thread thread;
    private volatile boolean running = true;

    /** Starts jpm-publisher on {@code pub}, a bound socket that it owns from now on. */
    EventPublisher(ZMQ.Socket pub, Consumer<String> log) {
        this.pub = pub;
        this.log = log;
        this.tasks = new OwnerTasks(log);
        this.remote = new RemoteEndpoint(pub);
        // it removes a leaving subscriber's subscriptions, as the reaper does: both need ZmqThreads' stack
        this.thread = ZmqThreads.newThread(this::loop, "jpm-publisher");
        thread.setDaemon(true);
        thread.start();
    }

    long dropped() {
        return dropped.get();
    }

    /** Queues an encoded JSON message; never blocks. Returns false if it was dropped. */
    boolean publish(String topic, byte[] json) {
        if (!running) return false;
        if (queuedBytes.addAndGet(json.length) <= PUBLISH_QUEUE_BYTES
                && outgoing.offer(new Outgoing(topic.getBytes(StandardCharsets.UTF_8), json))) {
            return true;
        }
        queuedBytes.addAndGet(-json.length);
        dropped.incrementAndGet();
        return false;
    }

    /** Runs {@code task} on jpm-publisher, before its next message. */
    void run(Runnable task) {
        tasks.add(task);
        outgoing.offer(new Outgoing(new byte[0], WAKE));
    }

    /** Binds the PUB's remote endpoint anew at {@code endpoint}, or unbinds it with null; on jpm-publisher only. */
    void rebindRemote(String endpoint) {
        remote.rebind(endpoint);
    }

    private void loop() {
        try {
            while (running) {
                Outgoing m = outgoing.poll(500, TimeUnit.MILLISECONDS);
                tasks.runAll();
                if (m == null || m.body() == WAKE) continue;
                if (m.body() == POISON) break;
                queuedBytes.addAndGet(-m.body().length);
                pub.sendMore(m.topic());
                pub.send(m.body(), ZMQ.DONTWAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (org.zeromq.ZMQException | zmq.ZError.IOException e) {
            if (running) log.accept("publisher stopped: " + e);
        } catch (RuntimeException e) {
            log.accept("publisher failed: " + e);
        }
    }

    /** Stops taking messages, drops those queued and tells jpm-publisher to end. */
    void stop() {
        running = false;
        outgoing.clear();
        outgoing.offer(new Outgoing(new byte[0], POISON));
    }

    Thread thread() {
        return thread;
    }
}
