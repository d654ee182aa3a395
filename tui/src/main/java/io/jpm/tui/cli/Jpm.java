package io.jpm.tui.cli;

import io.jpm.ipc.CommandException;
import io.jpm.ipc.ControlClient;
import io.jpm.ipc.CurveKeys;
import io.jpm.ipc.DaemonUnreachableException;
import io.jpm.ipc.Hosts;
import io.jpm.ipc.JpmClient;
import io.jpm.ipc.JpmHome;
import io.jpm.ipc.Request;
import io.jpm.ipc.Version;
import io.jpm.ipc.wire.WireValue;
import io.jpm.tui.CliException;
import io.jpm.tui.DaemonConnector;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code jpm} command line: one picocli command per verb, all reaching the daemon through ipc. It is long for one
 * reason: it is the root that every verb shares, so it holds the table of verbs, the {@code --host} option they all
 * inherit and the clients they call through (local, remote, streaming); each verb's own work is in its own class.
 */
@Command(
        name = "jpm",
        mixinStandardHelpOptions = true,
        scope = CommandLine.ScopeType.INHERIT,
        versionProvider = Jpm.VersionProvider.class,
        description = "A process manager for servers.")
public final class Jpm implements Runnable, AutoCloseable {
    /**
     * Every verb, in help order. Picocli reflects over a command's fields when it is added, so a command line for
     * one verb adds only that verb's class (see {@link #commandLine(String...)}).
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            Commands.Ping.class,
            Commands.Kill.class,
            UpdateCommand.class,
            Commands.VersionCommand.class,
            StartCommand.class,
            ListCommand.class,
            DescribeCommand.class,
            Pm2Commands.Jlist.class,
            Pm2Commands.Prettylist.class,
            Pm2Commands.Env.class,
            Pm2Commands.Pid.class,
            InitCommand.class,
            Pm2Commands.StartOrRestart.class,
            Pm2Commands.StartOrReload.class,
            Pm2Commands.StartOrGracefulReload.class,
            TargetCommands.Stop.class,
            TargetCommands.Restart.class,
            TargetCommands.Reload.class,
            TargetCommands.Delete.class,
            AppCommands.Scale.class,
            AppCommands.Signal.class,
            TargetCommands.Reset.class,
            AppCommands.Save.class,
            AppCommands.Resurrect.class,
            AppCommands.Flush.class,
            AppCommands.ReloadLogs.class,
            LogsCommand.class,
            MetricsCommand.class,
            MonitCommand.class,
            StartupCommands.Startup.class,
            StartupCommands.Unstartup.class,
            RemoteCommands.Remote.class,
            RemoteCommands.Keys.class,
            HostsCommands.class);

    private static final long REMOTE_PING_MS = 3_000;

    private final JpmHome home;
    private final Map<String, String> env;
    private final Path cwd;
    private final PrintWriter out;
    private final PrintWriter err;
    private JpmClient client;
    private JpmClient streamClient;
    private CommandLine commandLine;
    private CurveKeys.Pair clientKeys;

    @Option(
            names = "--host",
            paramLabel = "NAME",
            scope = CommandLine.ScopeType.INHERIT,
            description = "Send the command to this host's daemon (see jpm hosts); JPM_HOST sets a default.")
    String host;

    /** A command line that writes to this process's stdout and stderr, as picocli's own writers would. */
    public Jpm(JpmHome home, Map<String, String> env, Path cwd) {
        this(home, env, cwd, writer(System.out, "sun.stdout.encoding"), writer(System.err, "sun.stderr.encoding"));
    }

    public Jpm(JpmHome home, Map<String, String> env, Path cwd, PrintWriter out, PrintWriter err) {
        this.home = Objects.requireNonNull(home, "home");
        this.env = Map.copyOf(env);
        this.cwd = cwd;
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
    }

    public static void main(String[] args) {
        nameTheSelectorProvider();
        int code;
        boolean picocli;
        try (Jpm jpm = new Jpm(
                JpmHome.fromEnvironment(System.getenv()),
                System.getenv(),
                Path.of("").toAbsolutePath())) {
            code = jpm.execute(args);
            picocli = jpm.commandLine != null;
        }
        // A fast-path verb registers no shutdown hook and has flushed its output: halt, since System.exit first sets
        // up java.util.logging to ask whether to log the exit (~8 ms of CPU, a tenth of a jpm ping). A picocli verb
        // may have hooks (jpm-top restores the terminal in one), so it exits.
        if (!picocli) Runtime.getRuntime().halt(code);
        System.exit(code);
    }

    /**
     * Names the JDK's own Linux selector provider, when it has one and nothing else is named: without the property,
     * the first channel (the local control socket's) looks the provider up as a service in every jar of the class path,
     * ~5 ms of CPU per command.
     */
    private static void nameTheSelectorProvider() {
        String property = "java.nio.channels.spi.SelectorProvider";
        String epoll = "sun.nio.ch.EPollSelectorProvider";
        if (System.getProperty(property) != null) return;
        try {
            Class.forName(epoll, false, null);
            System.setProperty(property, epoll);
        } catch (ClassNotFoundException | LinkageError e) {
            // another platform or JDK: the service lookup finds its default
        }
    }

    /**
     * Runs {@code args} and returns the exit code: a hot verb with plain arguments runs without picocli
     * ({@link FastPath}), anything else through {@link #commandLine(String...)}. Both run the same verb objects and
     * report failures the same way.
     */
    public int execute(String... args) {
        Callable<Integer> verb = FastPath.verb(this, args);
        if (verb == null) return commandLine(args).execute(args);
        try {
            return verb.call();
        } catch (Exception e) {
            return report(e, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** picocli's writers: autoflushing, in the encoding the JDK names for the stream, else the default. */
    private static PrintWriter writer(OutputStream stream, String encodingProperty) {
        String encoding = System.getProperty(encodingProperty);
        Charset charset = Charset.defaultCharset();
        if (encoding != null) {
            try {
                charset = Charset.forName("cp65001".equalsIgnoreCase(encoding) ? "UTF-8" : encoding);
            } catch (IllegalArgumentException e) {
                // the default, as picocli falls back to
            }
        }
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(stream, charset)), true);
    }

    /** A verb's failure as one line on stderr and its exit code. */
    private static int report(Exception ex, PrintWriter err) {
        if (ex instanceof CliException ce) {
            err.println("jpm: " + ce.getMessage());
            err.flush();
            return ce.exitCode();
        }
        err.println("jpm: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
        err.flush();
        return 1;
    }

    /** The configured picocli command line with every verb; failures become one line on stderr and an exit code. */
    public CommandLine commandLine() {
        return configure(SUBCOMMANDS);
    }

    /**
     * The command line to run {@code args}: with only the verb they name when the first one is a verb (or an alias),
     * so the other verbs' classes are never reflected over; with every verb otherwise (help, a typo's suggestions).
     */
    public CommandLine commandLine(String... args) {
        if (args.length > 0) {
            for (Class<?> c : SUBCOMMANDS) {
                Command command = c.getAnnotation(Command.class);
                if (command.name().equals(args[0])
                        || Arrays.asList(command.aliases()).contains(args[0])) {
                    return configure(List.of(c));
                }
            }
        }
        return commandLine();
    }

    private CommandLine configure(List<Class<?>> subcommands) {
        CommandLine cl = new CommandLine(this);
        for (Class<?> c : subcommands) cl.addSubcommand(c);
        keysMayStartWithADash(cl);
        cl.setExpandAtFiles(false); // '@' is a Z85 digit: a CURVE key may start with it
        cl.setOut(out);
        cl.setErr(err);
        this.commandLine = cl;
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> report(ex, commandLine.getErr()));
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("jpm: " + ex.getMessage());
            CommandLine failed = ex.getCommandLine();
            err.println("Try 'jpm " + (failed.getParent() == null ? "" : failed.getCommandName() + " ") + "--help'.");
            err.flush();
            return 2;
        });
        return cl;
    }

    /** A Z85 key may start with '-': where a verb takes a key, an unknown "option" is the key. */
    private static void keysMayStartWithADash(CommandLine cl) {
        for (String group : List.of("keys", "hosts")) {
            CommandLine g = cl.getSubcommands().get(group);
            if (g != null) g.getSubcommands().get("add").setUnmatchedOptionsArePositionalParams(true);
        }
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a command is required");
    }

    /** The standard output of this command line (picocli's, when a caller has set it there). */
    public PrintWriter out() {
        return commandLine == null ? out : commandLine.getOut();
    }

    /** The standard error of this command line (picocli's, when a caller has set it there). */
    public PrintWriter err() {
        return commandLine == null ? err : commandLine.getErr();
    }

    public JpmHome home() {
        return home;
    }

    public Map<String, String> env() {
        return env;
    }

    public Path cwd() {
        return cwd;
    }

    /**
     * The daemon's client for one-shot requests, over the local control socket with no ping first; the daemon is
     * started if nothing listens there.
     */
    public JpmClient client() {
        if (client == null)
            client = remoteHost().map(this::answeringClient).orElseGet(() -> new DaemonConnector(home).local());
        return client;
    }

    /** The host that {@code --host} or {@code JPM_HOST} names, if one does. */
    public Optional<Hosts.Host> remoteHost() {
        String name = host != null ? host : env.get("JPM_HOST");
        if (name == null || name.isBlank()) return Optional.empty();
        try {
            return Optional.of(hosts().require(name.strip()));
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), 2);
        }
    }

    /** The hosts of this JPM_HOME ({@code jpm hosts add}). */
    public Hosts hosts() {
        try {
            return Hosts.read(home.hostsFile());
        } catch (IOException e) {
            throw new CliException("cannot read " + home.hostsFile() + ": " + e.getMessage());
        }
    }

    /** A client of {@code h}'s daemon over CURVE, with this host's client key. Never starts a daemon. */
    public JpmClient remoteClient(Hosts.Host h) {
        return new JpmClient(new ControlClient(h.daemon(), clientKeys()));
    }

    /** This host's client key pair, made on first use; the key that other hosts admit with jpm keys add. */
    public synchronized CurveKeys.Pair clientKeys() {
        if (clientKeys == null) {
            try {
                clientKeys = CurveKeys.clientPair(home.ensureCreated());
            } catch (IOException e) {
                throw new CliException("cannot read this host's client key: " + e.getMessage());
            }
        }
        return clientKeys;
    }

    /**
     * A client of {@code h}'s daemon once it has answered a ping, so that a host that is down costs the ping's few
     * seconds rather than a long command's timeout.
     */
    private JpmClient answeringClient(Hosts.Host h) {
        JpmClient c = remoteClient(h);
        try {
            c.call(new Request.Ping(), REMOTE_PING_MS, 0);
            return c;
        } catch (DaemonUnreachableException e) {
            c.close();
            throw new CliException("host " + h.name() + " (" + h.endpoint() + ") does not answer within "
                    + REMOTE_PING_MS + " ms: is its daemon running with jpm remote enable, and this host's key added"
                    + " there (jpm keys add)?");
        } catch (CommandException e) {
            c.close();
            throw new CliException("host " + h.name() + ": " + e.getMessage());
        }
    }

    /** Fails when {@code --host} names another host for a verb that acts on this host only. */
    public void requireLocal(String verb) {
        if (host != null)
            throw new CliException("jpm " + verb + " acts on this host only; run it there, without --host", 2);
    }

    /**
     * The daemon's client over CURVE, for the streaming verbs (its daemon info names the event socket, and it asks
     * for the subscription's hello), starting the daemon if none answers.
     */
    public JpmClient streamClient() {
        if (streamClient == null)
            streamClient = remoteHost().map(this::answeringClient).orElseGet(() -> new DaemonConnector(home).connect());
        return streamClient;
    }

    /** Sends a request and returns its result, or fails with the daemon's one-line error. */
    public <R extends WireValue> R call(Request<R> request) {
        try {
            return client().call(request);
        } catch (CommandException e) {
            throw new CliException(e.getMessage());
        } catch (DaemonUnreachableException e) {
            throw new CliException(e.getMessage());
        }
    }

    @Override
    public void close() {
        if (client != null) client.close();
        if (streamClient != null) streamClient.close();
    }

    /** Prints {@code jpm 0.1.0}. */
    public static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"jpm " + Version.get()};
        }
    }
}
