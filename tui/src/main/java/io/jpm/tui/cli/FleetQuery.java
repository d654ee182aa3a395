package io.jpm.tui.cli;

import io.jpm.ipc.CommandException;
import io.jpm.ipc.DaemonUnreachableException;
import io.jpm.ipc.Hosts;
import io.jpm.ipc.JpmClient;
import io.jpm.ipc.Request;
import io.jpm.ipc.wire.WireValue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * Sends one read request to several hosts at once and collects every answer, or why there is none, in the hosts'
 * order: the whole takes as long as the slowest host, at most the timeout.
 */
final class FleetQuery {
    /** One host's answer: a result, or a one-line error. */
    record Answer<R>(Hosts.Host host, R result, String error) {
        boolean ok() {
            return error == null;
        }
    }

    private FleetQuery() {}

    static <R extends WireValue> List<Answer<R>> ask(
            Jpm jpm, List<Hosts.Host> hosts, Request<R> request, long timeoutMs) {
        jpm.clientKeys(); // made once, before the threads that use it
        // platform threads: a virtual thread's read poller sits in native epoll_wait, and the JVM's exit waits
        // 300 ms for a thread in native before it gives up, which every jpm list --hosts would pay
        ThreadFactory threads =
                Thread.ofPlatform().name("jpm-fleet-", 0).daemon().factory();
        try (ExecutorService pool = Executors.newThreadPerTaskExecutor(threads)) {
            List<Future<Answer<R>>> pending = new ArrayList<>();
            for (Hosts.Host h : hosts) pending.add(pool.submit(() -> askOne(jpm, h, request, timeoutMs)));
            List<Answer<R>> answers = new ArrayList<>();
            for (int i = 0; i < hosts.size(); i++) {
                try {
                    answers.add(pending.get(i).get());
                } catch (ExecutionException e) {
                    answers.add(new Answer<>(
                            hosts.get(i), null, String.valueOf(e.getCause().getMessage())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    answers.add(new Answer<>(hosts.get(i), null, "interrupted"));
                }
            }
            return List.copyOf(answers);
        }
    }

    private static <R extends WireValue> Answer<R> askOne(Jpm jpm, Hosts.Host h, Request<R> request, long timeoutMs) {
        try (JpmClient client = jpm.remoteClient(h)) {
            return new Answer<>(h, client.call(request, timeoutMs, 0), null);
        } catch (DaemonUnreachableException e) {
            return new Answer<>(h, null, "no answer from " + h.endpoint() + " within " + timeoutMs + " ms");
        } catch (CommandException e) {
            return new Answer<>(h, null, e.getMessage());
        }
    }
}
