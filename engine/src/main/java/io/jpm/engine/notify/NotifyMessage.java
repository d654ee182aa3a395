package io.jpm.engine.notify;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a worker told jpm in one {@code sd_notify} datagram: newline-separated {@code KEY=VALUE} assignments, as
 * systemd reads them. Unknown keys and malformed lines are ignored, as systemd does.
 *
 * @param ready {@code READY=1}: the worker is ready (for {@code wait_ready})
 * @param stopping {@code STOPPING=1}: the worker is shutting down
 * @param status {@code STATUS=…}: a free-form status line (the last one in the datagram)
 * @param watchdogPing {@code WATCHDOG=1}: a keep-alive
 * @param watchdogTrigger {@code WATCHDOG=trigger}: the worker asks to be treated as hung
 * @param watchdogUsec {@code WATCHDOG_USEC=N}: a new watchdog timeout in microseconds
 */
public record NotifyMessage(
        boolean ready,
        boolean stopping,
        Optional<String> status,
        boolean watchdogPing,
        boolean watchdogTrigger,
        OptionalLong watchdogUsec) {
    /** The longest status kept; longer ones are cut. */
    public static final int MAX_STATUS = 200;

    public static NotifyMessage parse(String datagram) {
        boolean ready = false;
        boolean stopping = false;
        String status = null;
        boolean ping = false;
        boolean trigger = false;
        OptionalLong usec = OptionalLong.empty();
        for (String line : datagram.split("\n")) {
            int eq = line.indexOf('=');
            if (eq <= 0) continue;
            String value = line.substring(eq + 1);
            switch (line.substring(0, eq)) {
                case "READY" -> ready |= value.equals("1");
                case "STOPPING" -> stopping |= value.equals("1");
                case "STATUS" -> status = value.length() > MAX_STATUS ? value.substring(0, MAX_STATUS) : value;
                case "WATCHDOG" -> {
                    ping |= value.equals("1");
                    trigger |= value.equals("trigger");
                }
                case "WATCHDOG_USEC" -> usec = positiveLong(value);
                default -> {}
            }
        }
        return new NotifyMessage(ready, stopping, Optional.ofNullable(status), ping, trigger, usec);
    }

    private static OptionalLong positiveLong(String s) {
        try {
            long v = Long.parseLong(s);
            return v > 0 ? OptionalLong.of(v) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
