package io.jpm.engine.supervise;

import io.jpm.engine.logs.DaemonLog;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The supervisor's actor: one named thread that runs every command, exit and timer. A task that fails is logged,
 * including those run through {@code execute} and {@code schedule}, whose exceptions the JDK would otherwise keep
 * in a future that nobody reads.
 */
public final class ActorExecutor extends ScheduledThreadPoolExecutor {
    private final DaemonLog log;
    private final String name;

    public ActorExecutor(String name, DaemonLog log) {
        super(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        this.name = name;
        this.log = log;
        setRemoveOnCancelPolicy(true);
    }

    @Override
    protected void afterExecute(Runnable r, Throwable t) {
        super.afterExecute(r, t);
        if (t == null && r instanceof Future<?> f && f.isDone()) {
            try {
                f.get();
            } catch (CancellationException e) {
                return; // a cancelled timer, not a failure
            } catch (ExecutionException e) {
                t = e.getCause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (t != null) log.failed(name + " task", t);
    }
}
