package io.jpm.engine.supervise;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.engine.config.AppSpec;
import io.jpm.engine.config.AppSpecParser;
import io.jpm.engine.config.ConfigException;
import io.jpm.engine.config.EcosystemFile;
import io.jpm.ipc.CommandException;
import io.jpm.ipc.JpmHome;
import io.jpm.ipc.Request;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a start request into validated specs: all of them, or a bad-argument error naming every problem. An ecosystem
 * file is read as PM2 reads it: a value PM2's schema would reject refuses the whole file, while an app whose
 * script, interpreter or cwd cannot be found is left out with a warning naming the key and the others start.
 */
public final class StartRequestReader {
    /** The specs to start and the warnings for the user. */
    public record Parsed(List<AppSpec> specs, List<String> warnings) {}

    private StartRequestReader() {}

    public static Parsed parse(Request.Start r, JpmHome home) {
        try {
            List<JsonNode> nodes = r.apps();
            Path baseCwd = Path.of(r.cwd());
            if (r.source() != null) {
                Path file = Path.of(r.source());
                EcosystemFile eco = EcosystemFile.read(file, r.env());
                nodes = List.copyOf(eco.withDeployEnv(r.only() == null ? eco.apps() : eco.only(r.only()), r.profile()));
                baseCwd = eco.folder();
            }
            AppSpecParser parser = new AppSpecParser(r.env(), baseCwd).withProfile(r.profile());
            if (r.source() != null) parser = parser.forEcosystemFile();
            List<AppSpec> specs = new ArrayList<>();
            List<String> warnings = new ArrayList<>();
            List<AppSpecParser.Parsed> parsed;
            if (r.source() != null) { // PM2 starts the apps of a file that it can, and names the others
                AppSpecParser.Each each = parser.parseEach(nodes);
                if (!each.refused().isEmpty() || each.parsed().isEmpty()) {
                    List<String> problems = new ArrayList<>(each.refused());
                    problems.addAll(each.skipped());
                    throw new ConfigException(problems);
                }
                for (String problem : each.skipped()) warnings.add(problem + "; that app was not started");
                parsed = each.parsed();
            } else {
                parsed = parser.parseAll(nodes);
            }
            for (AppSpecParser.Parsed p : parsed) {
                AppSpec spec = p.spec();
                warnings.addAll(p.warnings());
                if (spec.run().mode() == AppSpec.ExecMode.CLUSTER
                        && spec.cluster().nodeCluster()
                        && !spec.runByNode()) {
                    // without a port, only node's cluster module can share one socket between the instances
                    warnings.add("app \"" + spec.name() + "\": exec_mode \"cluster\" without a port needs node;"
                            + " it runs in fork mode, so only one instance can listen on the app's port");
                    spec = spec.withRun(spec.run().withMode(AppSpec.ExecMode.FORK));
                }
                specs.add(spec);
            }
            return new Parsed(specs, warnings);
        } catch (ConfigException e) {
            throw CommandException.badArgument(String.join("\n", e.problems()));
        }
    }
}
