package io.jpm.tui.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.ipc.EcosystemFileNames;
import io.jpm.ipc.Request;
import io.jpm.ipc.wire.Results;
import io.jpm.tui.CliException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code jpm start}: an ecosystem file, a process file on stdin, or scripts and commands, each its own app made from
 * the {@link StartFlags}.
 */
@Command(
        name = "start",
        description = "Start a script, a command or an ecosystem file (.json, .yaml, .yml, .config.js).")
final class StartCommand implements Callable<Integer> {
    @ParentCommand
    Jpm jpm;

    @Parameters(index = "0", paramLabel = "SCRIPT|COMMAND|ECOSYSTEM")
    String target;

    @Parameters(
            index = "1..*",
            paramLabel = "SCRIPT|ARGS",
            description = "More scripts to start, each its own app (as PM2's); after --, arguments for the app.")
    List<String> args = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Mixin
    StartFlags flags = new StartFlags();

    @Option(names = "--only", description = "With an ecosystem file: only these apps (comma-separated).")
    String only;

    @Option(
            names = {"-f", "--force"},
            description = "Start the script again even if its app runs (adds its instances to that app).")
    boolean force;

    @Option(
            names = {"--no-automation", "--no-pmx", "--no-vizion"},
            description = "PM2's switches that turn PM2.io's probes or vizion off: jpm has neither; accepted.")
    boolean[] withoutPm2Io;

    /** With an ecosystem file, apps that exist are reloaded instead of restarted (startOrReload). */
    boolean reloadExisting;

    /**
     * PM2's {@code restart FILE} and {@code reload FILE}: the start of an ecosystem file whose apps that exist
     * restart (reload) with the file's settings and environment, and whose others start (startOrRestart); empty
     * when the targets are not one ecosystem file. {@code --env NAME} goes only with a file, as in PM2.
     */
    static Optional<StartCommand> ofFile(Jpm jpm, List<String> targets, String profile, boolean reload) {
        StartCommand start = new StartCommand();
        start.jpm = jpm;
        start.target = targets.get(0);
        if (targets.size() == 1 && start.isEcosystem()) {
            if (profile != null) start.flags.env.add(profile);
            start.reloadExisting = reload;
            return Optional.of(start);
        }
        if (profile != null) throw new CliException("--env NAME goes with an ecosystem file: " + targets, 2);
        return Optional.empty();
    }

    /** Whether the target is an ecosystem file (else a script or a command). */
    boolean isEcosystem() {
        return Files.isRegularFile(jpm.cwd().resolve(target)) && EcosystemFileNames.isEcosystemFile(target);
    }

    @Override
    public Integer call() {
        if (StdinProcessFile.DASH.equals(target)) return started(jpm.call(fromStdin()));
        Path file = jpm.cwd().resolve(target);
        boolean ecosystem = isEcosystem();
        Map<String, String> clientEnv = new LinkedHashMap<>(jpm.env());
        Results.Started result;
        if (ecosystem) {
            String profile = null;
            for (String e : flags.env) {
                if (e.contains("=")) {
                    throw new CliException(
                            "--env K=V goes with a script; with an ecosystem file --env names a "
                                    + "profile (env_<name>): " + e,
                            2);
                }
                profile = e;
            }
            result = jpm.call(new Request.Start(
                    List.of(),
                    clientEnv,
                    jpm.cwd().toString(),
                    profile,
                    file.toAbsolutePath().normalize().toString(),
                    only,
                    false,
                    reloadExisting));
        } else {
            result = jpm.call(
                    new Request.Start(scriptApps(), clientEnv, jpm.cwd().toString(), null, null, null, force, false));
        }
        return started(result);
    }

    private int started(Results.Started result) {
        for (String w : result.warnings()) jpm.err().println("jpm: warning: " + w);
        for (String s : result.started()) jpm.out().println("started " + s);
        ListView.print(jpm, result.workers());
        return 0;
    }

    /**
     * The apps of a script start: one per script before {@code --} (PM2's {@code pm2 start a.js b.js}), each
     * with the options and the arguments given after {@code --}.
     */
    private List<JsonNode> scriptApps() {
        List<String> original = spec.commandLine().getParseResult().originalArgs();
        int dash = original.indexOf("--");
        int afterDash = dash < 0 ? 0 : original.size() - dash - 1;
        int moreScripts = Math.max(0, args.size() - afterDash);
        List<String> scripts = new ArrayList<>();
        scripts.add(target);
        scripts.addAll(args.subList(0, moreScripts));
        if (scripts.size() > 1 && flags.name != null)
            throw new CliException("--name goes with one script; got " + scripts.size() + ": " + scripts, 2);
        List<String> appArgs = args.subList(moreScripts, args.size());
        List<JsonNode> apps = new ArrayList<>();
        for (String script : scripts) apps.add(flags.appNode(jpm.cwd(), script, appArgs));
        return apps;
    }

    /** {@code jpm start -}: a process file in JSON on stdin, as PM2's. */
    private Request.Start fromStdin() {
        return new Request.Start(
                StdinProcessFile.apps(System.in),
                new LinkedHashMap<>(jpm.env()),
                jpm.cwd().toString(),
                null,
                null,
                only,
                force,
                false);
    }
}
