package io.jpm.engine.config;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A {@code cron_restart} expression as PM2 reads it: 5 fields (minute first, Unix cron) or 6 (seconds first), parsed
 * and evaluated by cron-utils. Pure: the next run is a function of the time passed in.
 */
public final class CronSchedule {
    private static final CronParser FIVE = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final CronParser SIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING));

    private final String expression;
    private final ExecutionTime times;

    private CronSchedule(String expression, Cron cron) {
        this.expression = expression;
        this.times = ExecutionTime.forCron(cron);
    }

    /** Throws IllegalArgumentException with cron-utils' reason when the expression is not one PM2 would run. */
    public static CronSchedule parse(String expression) {
        String e = expression.trim().replaceAll("\\s+", " ");
        int fields = e.split(" ").length;
        if (fields != 5 && fields != 6) {
            throw new IllegalArgumentException("has " + fields + " fields; cron takes 5, or 6 with seconds first");
        }
        try {
            Cron cron = (fields == 5 ? FIVE : SIX).parse(e).validate();
            return new CronSchedule(e, cron);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("is not a cron expression: " + ex.getMessage());
        }
    }

    public String expression() {
        return expression;
    }

    /** The first run strictly after {@code afterEpochMs}, in epoch ms, in {@code zone}; empty if it never runs. */
    public Optional<Long> nextAfter(long afterEpochMs, ZoneId zone) {
        ZonedDateTime after = ZonedDateTime.ofInstant(Instant.ofEpochMilli(afterEpochMs), zone);
        return times.nextExecution(after).map(t -> t.toInstant().toEpochMilli());
    }
}
