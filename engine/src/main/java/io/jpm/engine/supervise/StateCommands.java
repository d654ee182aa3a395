package io.jpm.engine.supervise;

import io.jpm.engine.logs.DaemonLog;
import io.jpm.ipc.JpmHome;
import io.jpm.ipc.wire.Results;
import java.util.List;

/** The commands that save and bring back the apps (save, resurrect), and the recovery at start-up. On the actor. */
final class StateCommands {
    private final Apps apps;
    private final JpmHome home;
    private final Persistence persistence;
    private final Recovery recovery;
    private final DaemonLog log;

    StateCommands(Apps apps, JpmHome home, Persistence persistence, Recovery recovery, DaemonLog log) {
        this.apps = apps;
        this.home = home;
        this.persistence = persistence;
        this.recovery = recovery;
        this.log = log;
    }

    Results.Saved save() {
        persistence.saveNow();
        return new Results.Saved(home.dumpFile().toString(), apps.size());
    }

    Results.Resurrected resurrect() {
        List<String> names = recovery.resurrect(persistence.store(), false);
        apps.idsFrom(0);
        persistence.changed();
        return new Results.Resurrected(names);
    }

    /** Loads dump.json at start-up, adopting workers that survived the previous daemon. */
    void recover() {
        persistence.store().read().ifPresent(s -> apps.idsFrom(s.nextId()));
        List<String> names = recovery.resurrect(persistence.store(), true);
        apps.idsFrom(0);
        if (!names.isEmpty()) log.info("resurrected " + names);
        persistence.changed();
    }
}
