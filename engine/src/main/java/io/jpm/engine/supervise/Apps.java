package io.jpm.engine.supervise;

import io.jpm.engine.config.AppSpec;
import io.jpm.engine.logs.AppLogs;
import io.jpm.ipc.CommandException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Every app by name, the worker ids, and the resolution of a command's target. Owned by the actor. */
public final class Apps {
    private final Map<String, App> byName = new LinkedHashMap<>();
    private final Function<AppSpec, AppLogs> logs;
    private int nextId;

    /** {@code logs} opens the log files of a new app. */
    public Apps(Function<AppSpec, AppLogs> logs) {
        this.logs = logs;
    }

    /** Creates and adds the app {@code spec} describes, with no worker yet. */
    public App create(AppSpec spec) {
        App app = new App(spec, logs.apply(spec));
        byName.put(app.name(), app);
        return app;
    }

    public App get(String name) {
        return byName.get(name);
    }

    public App require(String name) {
        App app = byName.get(name);
        if (app == null) throw CommandException.unknownApp(name);
        return app;
    }

    /** Removes an app with no worker left; with no app left, ids start again from 0 (as PM2). */
    void remove(App app) {
        byName.remove(app.name());
        app.closeLogs();
        if (byName.isEmpty()) nextId = 0;
    }

    /** Every app, in the order they were added: a read-only view for the actor's own use. */
    public Collection<App> all() {
        return Collections.unmodifiableCollection(byName.values());
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    public int size() {
        return byName.size();
    }

    /** A fresh worker id. */
    int newId() {
        return nextId++;
    }

    public int nextId() {
        return nextId;
    }

    /** Ids continue after {@code id} and after every loaded worker. */
    public void idsFrom(int id) {
        nextId = Math.max(nextId, id);
        for (App a : byName.values()) for (Worker w : a.workersView()) nextId = Math.max(nextId, w.id() + 1);
    }

    /** The workers a target names; an unknown target fails with UNKNOWN_APP. */
    public List<Targets.Target> targets(String target) {
        return Targets.workers(byName, target);
    }

    /** The workers a target names, none for an unknown target when {@code allowEmpty}. */
    public List<Targets.Target> targets(String target, boolean allowEmpty) {
        return Targets.workers(byName, target, allowEmpty);
    }

    /** Every worker, sorted by id. */
    List<Worker> workersById() {
        List<Worker> all = new ArrayList<>();
        for (App a : byName.values()) all.addAll(a.workersView());
        all.sort((a, b) -> Integer.compare(a.id(), b.id()));
        return all;
    }
}
