package io.jpm.tui.cli;

import io.jpm.tui.CliException;
import io.jpm.tui.DaemonConnector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jpm startup} and {@code jpm unstartup}: the daemon started at boot by systemd, as PM2's verbs of those names. */
final class StartupCommands {
    private StartupCommands() {}

    @Command(
            name = "startup",
            description = "Start jpm's daemon at boot (a systemd unit) and bring back the saved apps (jpm save).")
    static final class Startup implements Callable<Integer> {
        @ParentCommand
        Jpm jpm;

        @Parameters(index = "0", arity = "0..1", paramLabel = "INIT", description = "The init system: systemd.")
        String init = "systemd";

        @Option(names = "--user", paramLabel = "NAME", description = "Run the daemon as NAME (default: you).")
        String user;

        @Option(names = "--service-name", paramLabel = "NAME", description = "The unit's name (default: jpm-USER).")
        String serviceName;

        @Option(
                names = "--jpm-home",
                paramLabel = "DIR",
                description = "The daemon's JPM_HOME (default: JPM_HOME, or ~USER/.jpm for another user).")
        Path jpmHome;

        @Option(names = "--print", description = "Write the unit to stdout and change nothing.")
        boolean print;

        @Option(names = "--root", hidden = true, description = "Install under this folder (tests), offline.")
        Path root;

        @Override
        public Integer call() throws IOException {
            jpm.requireLocal("startup");
            Systemd.requireSystemd(init);
            Systemd.Account account = Systemd.account(user == null ? System.getProperty("user.name") : user);
            Path home = jpmHome != null
                    ? jpmHome.toAbsolutePath().normalize()
                    : account.name().equals(System.getProperty("user.name"))
                            ? jpm.home().root().toAbsolutePath().normalize()
                            : account.home().resolve(".jpm");
            String path =
                    jpm.env().getOrDefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
            SystemdUnit unit = new SystemdUnit(
                    account.name(),
                    home,
                    DaemonConnector.daemonScript().toAbsolutePath().normalize(),
                    Path.of(System.getProperty("java.home")),
                    path);
            String name = Systemd.serviceName(serviceName, account.name());
            if (print) {
                jpm.out().print(unit.text());
                jpm.out().flush();
                return 0;
            }
            Systemd systemd = new Systemd(root);
            systemd.requireBooted();
            if (!Systemd.isRoot()) {
                List<String> command = new ArrayList<>(List.of(
                        "sudo",
                        "env",
                        "PATH=" + path,
                        "JAVA_HOME=" + unit.javaHome(),
                        Systemd.jpmScript().toString(),
                        "startup",
                        "systemd",
                        "--user",
                        account.name(),
                        "--jpm-home",
                        home.toString(),
                        "--service-name",
                        name));
                jpm.out().println("To start jpm at boot as " + account.name() + ", run this as root:");
                jpm.out().println(Systemd.shellLine(command));
                return 0;
            }
            Path file = systemd.unitFile(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, unit.text(), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            jpm.out().println("wrote " + file);
            systemd.reload();
            systemd.run("enable", name);
            jpm.out()
                    .println("enabled " + name + ": at boot jpm's daemon starts as " + account.name()
                            + " with JPM_HOME=" + home + " and brings back the apps of its last `jpm save`");
            jpm.out()
                    .println(
                            "a daemon already running is not moved under systemd; it is at the next boot (or: jpm kill,"
                                    + " then systemctl start " + name + ")");
            return 0;
        }
    }

    @Command(name = "unstartup", description = "Stop starting jpm's daemon at boot: disable and remove its unit.")
    static final class Unstartup implements Callable<Integer> {
        @ParentCommand
        Jpm jpm;

        @Parameters(index = "0", arity = "0..1", paramLabel = "INIT", description = "The init system: systemd.")
        String init = "systemd";

        @Option(names = "--user", paramLabel = "NAME", description = "The user the unit runs as (default: you).")
        String user;

        @Option(names = "--service-name", paramLabel = "NAME", description = "The unit's name (default: jpm-USER).")
        String serviceName;

        @Option(names = "--root", hidden = true, description = "Remove under this folder (tests), offline.")
        Path root;

        @Override
        public Integer call() throws IOException {
            jpm.requireLocal("unstartup");
            Systemd.requireSystemd(init);
            String owner = user == null ? System.getProperty("user.name") : user;
            String name = Systemd.serviceName(serviceName, owner);
            Systemd systemd = new Systemd(root);
            systemd.requireBooted();
            if (!Systemd.isRoot()) {
                jpm.out().println("To stop starting jpm at boot, run this as root:");
                jpm.out()
                        .println(Systemd.shellLine(List.of(
                                "sudo",
                                Systemd.jpmScript().toString(),
                                "unstartup",
                                "systemd",
                                "--service-name",
                                name)));
                return 0;
            }
            Path file = systemd.unitFile(name);
            Optional<String> first;
            try (var lines = Files.lines(file)) {
                first = lines.findFirst();
            } catch (java.nio.file.NoSuchFileException e) {
                throw new CliException("no unit " + file + "; nothing to remove (--service-name names another)");
            }
            if (!first.orElse("").equals(SystemdUnit.MARK)) {
                throw new CliException(file + " was not written by jpm startup; left as it is");
            }
            if (systemd.offline()) systemd.run("disable", name);
            else systemd.run("disable", "--now", name);
            Files.delete(file);
            jpm.out().println("disabled and removed " + file);
            systemd.reload();
            jpm.out().println("the apps keep running; the next jpm command starts a daemon that adopts them");
            return 0;
        }
    }
}
