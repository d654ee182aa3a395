package io.jpm.engine.daemon;

import io.jpm.engine.logs.DisplayRate;
import io.jpm.engine.logs.LogBatchJson;
import io.jpm.engine.logs.Publisher;
import io.jpm.ipc.ControlServer;
import io.jpm.ipc.Topics;
import io.jpm.ipc.wire.WireValue;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The daemon's {@link Publisher}: hands each message to the {@link ControlServer} (nothing before it is bound), and
 * each log batch also to the consoles' display-rate topics, as much of it as their {@link DisplayRate} lets through.
 *
 * <p>Threading: called from the actor (stats, events) and from jpm-log-reader (log batches); the display rates are
 * synchronized, and the server's publish never blocks.
 */
final class DaemonPublisher implements Publisher {
    /** The body of a {@code hello.<token>} message; clients read only its topic ({@code Published.Hello}). */
    private static final byte[] HELLO = "{\"hello\":true}".getBytes(StandardCharsets.UTF_8);

    private final Supplier<ControlServer> server;
    private final LongSupplier nanoClock;
    /**
     * How much of each log message also goes to consoles' display-rate streams, one per share of a screenful
     * (index share - 1): a console showing n hosts reads each host's n-th, in n times fewer messages. PUB/SUB cannot
     * tell subscribers apart, so a console picks its rate by the topic it subscribes to; a share nobody reads costs a
     * lookup in the PUB.
     */
    private final DisplayRate[] displayRates = new DisplayRate[Topics.MAX_VIEW_SHARE];

    DaemonPublisher(Supplier<ControlServer> server, LongSupplier nanoClock) {
        this.server = server;
        this.nanoClock = nanoClock;
        for (int share = 1; share <= displayRates.length; share++) {
            displayRates[share - 1] = DisplayRate.forConsoles(share);
        }
    }

    @Override
    public void publish(String topic, WireValue message) {
        ControlServer s = server.get();
        if (s != null) s.publish(topic, message);
    }

    @Override
    public void publishLogs(String topic, byte[] json) {
        ControlServer s = server.get();
        if (s == null) return;
        s.publishRaw(topic, json);
        int lines = LogBatchJson.countLines(json);
        long now = nanoClock.getAsLong();
        for (int share = 1; share <= displayRates.length; share++) {
            DisplayRate.Decision d = displayRates[share - 1].offer(lines, now);
            if (d.announceSkipped() > 0) s.publishRaw(Topics.viewSkipped(share), skippedJson(d.announceSkipped()));
            if (d.forward()) s.publishRaw(Topics.view(topic, share), LogBatchJson.lastLines(json, d.lines()));
        }
    }

    /** The answer to a {@code hello} command: a message on its topic, after the subscriptions sent before it. */
    void hello(String topic) {
        ControlServer s = server.get();
        if (s != null) s.publishRaw(topic, HELLO);
    }

    private static byte[] skippedJson(long lines) {
        return ("{\"lines\":" + lines + "}").getBytes(StandardCharsets.US_ASCII);
    }
}
