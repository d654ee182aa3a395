package io.jpm.engine.supervise;

import io.jpm.engine.logs.DaemonLog;
import io.jpm.engine.persist.DumpStore;
import io.jpm.ipc.JpmHome;
import io.jpm.ipc.wire.Results;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/**
 * The commands that save and bring back the apps (save, resurrect), and the recovery at start-up. On the actor.
 * dump.json holds what the user saved; state.json, which {@link Persistence} keeps, what runs.
 */
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

    /** {@code jpm save}: the apps as they are now, to dump.json; the previous dump.json becomes dump.json.bak, as PM2's. */
    Results.Saved save() {
        try {
            if (Files.exists(home.dumpFile()))
                JpmHome.writePrivateAtomically(home.dumpBackupFile(), Files.readAllBytes(home.dumpFile()));
        } catch (IOException e) {
            log.warn("cannot back up " + home.dumpFile() + " to " + home.dumpBackupFile() + ": " + e.getMessage());
        }
        persistence.saveTo(home.dumpFile());
        return new Results.Saved(home.dumpFile().toString(), apps.size());
    }

    /**
     * {@code jpm resurrect}: the apps of dump.json that are not loaded, started afresh; those of dump.json.bak when
     * dump.json is missing or unreadable, as PM2 falls back to dump.pm2.bak.
     */
    Results.Resurrected resurrect() {
        List<String> names = recovery.resurrect(saved(), false);
        apps.idsFrom(0);
        persistence.changed();
        return new Results.Resurrected(names);
    }

    /**
     * Loads state.json at start-up, adopting workers that survived the previous daemon. State from before the last
     * boot is dropped; then, with {@code restoreSaved} (the daemon of the boot unit), the apps of dump.json start, as
     * PM2's unit runs {@code pm2 resurrect}. A daemon that {@code jpm kill} ended left no state: the next starts empty.
     */
    void recover(boolean restoreSaved) {
        Optional<DumpStore.Snapshot> state = persistence.store().read();
        if (state.isPresent() && !state.get().thisBoot()) {
            log.info("state.json is from before the last boot; its processes are gone");
            state = Optional.empty();
        }
        state.ifPresent(s -> apps.idsFrom(s.nextId()));
        List<String> names = recovery.resurrect(state, true);
        if (state.isEmpty() && restoreSaved) names = recovery.resurrect(saved(), false);
        apps.idsFrom(0);
        if (!names.isEmpty()) log.info("resurrected " + names);
        persistence.changed();
    }

    /** What jpm save wrote: dump.json, or dump.json.bak when dump.json is missing or unreadable. */
    private Optional<DumpStore.Snapshot> saved() {
        Optional<DumpStore.Snapshot> dump = DumpStore.read(home.dumpFile(), log);
        return dump.isPresent() ? dump : DumpStore.read(home.dumpBackupFile(), log);
    }
}
