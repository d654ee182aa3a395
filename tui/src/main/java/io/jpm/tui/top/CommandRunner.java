package io.jpm.tui.top;

import io.jpm.ipc.CommandException;
import io.jpm.ipc.ControlClient;
import io.jpm.ipc.CurveKeys;
import io.jpm.ipc.DaemonInfo;
import io.jpm.ipc.DaemonUnreachableException;
import io.jpm.ipc.JpmClient;
import io.jpm.ipc.wire.WireValue;
import java.io.IOException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs the console's commands one at a time on its own thread and client, against the daemon the {@link DaemonLink}
 * is attached to, and hands each outcome to the console's queue as an {@link Input.Done}. The thread is never
 * interrupted (JeroMQ sockets do not survive it); it stops on {@link #close} within a poll interval.
 */
final class CommandRunner {
    /** The client keys, which reading may fail. */
    interface Keys {
        CurveKeys.Pair get() throws IOException;
    }

    private final Supplier<DaemonInfo> attached;
    private final Keys keys;
    private final Consumer<Input> out;
    private final LinkedBlockingQueue<Command> commands = new LinkedBlockingQueue<>();
    private final Thread thread;
    /** Cleared by {@link #close}; the thread checks it between polls. */
    private volatile boolean running = true;

    CommandRunner(Supplier<DaemonInfo> attached, Keys keys, Consumer<Input> out, String threadName) {
        this.attached = attached;
        this.keys = keys;
        this.out = out;
        this.thread = new Thread(this::loop, threadName);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void submit(Command command) {
        commands.add(command);
    }

    private void loop() {
        JpmClient client = null;
        DaemonInfo clientOf = null;
        try {
            while (running) {
                Command c = commands.poll(500, TimeUnit.MILLISECONDS);
                if (c == null) continue;
                DaemonInfo info = attached.get();
                if (info == null) {
                    out.accept(new Input.Done(c, null, "not connected to the daemon"));
                    continue;
                }
                try {
                    if (client == null || !info.equals(clientOf)) {
                        if (client != null) client.close();
                        client = new JpmClient(new ControlClient(info, keys.get()));
                        clientOf = info;
                    }
                    WireValue result = client.call(c.request());
                    out.accept(new Input.Done(c, result, null));
                } catch (CommandException e) {
                    out.accept(new Input.Done(c, null, e.getMessage()));
                } catch (DaemonUnreachableException | IOException e) {
                    if (client != null) client.close();
                    client = null;
                    out.accept(new Input.Done(c, null, e.getMessage()));
                } catch (RuntimeException e) {
                    out.accept(new Input.Done(c, null, e.getClass().getSimpleName() + ": " + e.getMessage()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (client != null) client.close();
        }
    }

    /** Stops the thread, waiting up to a second for it to close its client. */
    void close() {
        running = false;
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
