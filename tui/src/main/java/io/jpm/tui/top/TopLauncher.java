package io.jpm.tui.top;

import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal;
import io.jpm.ipc.CurveKeys;
import io.jpm.ipc.Hosts;
import io.jpm.ipc.JpmClient;
import io.jpm.ipc.JpmHome;
import io.jpm.themes.ColorDepth;
import io.jpm.themes.Theme;
import io.jpm.themes.ThemeCatalog;
import io.jpm.tui.CliException;
import io.jpm.tui.DaemonConnector;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Wires the console together from the options and the environment, and runs it on this terminal. */
public final class TopLauncher {
    private TopLauncher() {}

    /** Runs the console until the user quits; a bad option or an unreachable daemon is a {@link CliException}. */
    public static int run(JpmHome home, Map<String, String> env, TopOptions options) {
        if (options.scrollback() < TopOptions.MIN_SCROLLBACK || options.scrollback() > TopOptions.MAX_SCROLLBACK) {
            throw new CliException(
                    "--scrollback must be " + TopOptions.MIN_SCROLLBACK + ".." + TopOptions.MAX_SCROLLBACK + ": "
                            + options.scrollback(),
                    2);
        }
        ColorDepth depth = ColorDepth.detect(env);
        ThemeCatalog catalog = ThemeCatalog.load(home.themes());
        String wanted = options.theme() != null ? options.theme() : env.get("JPM_THEME");
        if (wanted != null && catalog.get(wanted).isEmpty()) {
            throw new CliException(
                    "unknown theme: " + wanted + " (available: "
                            + String.join(
                                    ", ",
                                    catalog.themes().stream().map(Theme::name).toList()) + ")",
                    2);
        }
        List<Theme> themes = themes(catalog, depth);
        int index = Math.max(0, indexOf(themes, wanted == null ? ThemeCatalog.DEFAULT_THEME : wanted));
        boolean ascii = options.ascii() || !utf8(env);
        List<Hosts.Host> hosts = options.hosts() == null ? List.of() : hosts(home, options.hosts());
        TopState state = new TopState(
                options.scrollback(),
                themes,
                index,
                hosts.stream().map(Hosts.Host::name).toList());
        if (!catalog.problems().isEmpty()) {
            state.status(
                    catalog.problems().get(0) + " (theme skipped; using "
                            + state.theme().name() + ")",
                    true,
                    System.nanoTime());
        }
        CurveKeys.Pair keys = null;
        if (hosts.isEmpty()) {
            try (JpmClient ignored = new DaemonConnector(home).connect()) {
                // the daemon is up (started if it was not); the link makes its own sockets
            }
        } else {
            try {
                keys = CurveKeys.clientPair(home.ensureCreated());
            } catch (IOException e) {
                throw new CliException("cannot read this host's client key: " + e.getMessage());
            }
        }
        Charset charset = ascii ? StandardCharsets.US_ASCII : StandardCharsets.UTF_8;
        try {
            OutputStream out = new TerminalOutput(new FileOutputStream(FileDescriptor.out), 1 << 16);
            DefaultTerminalFactory factory = new DefaultTerminalFactory(out, System.in, charset)
                    .setForceTextTerminal(true)
                    .setUnixTerminalCtrlCBehaviour(UnixLikeTerminal.CtrlCBehaviour.TRAP);
            Terminal terminal = factory.createTerminal();
            Screen screen = new TerminalScreen(terminal);
            TopApp app = new TopApp(screen, state, new TopRenderer(depth, ascii));
            if (hosts.isEmpty()) {
                try (DaemonLink link = new DaemonLink(home, app::post).start()) {
                    app.run(link);
                }
            } else {
                try (FleetLinks links = FleetLinks.start(hosts, keys, app::post)) {
                    app.run(links);
                }
            }
        } catch (IOException e) {
            throw new CliException("cannot use this terminal: " + e.getMessage());
        }
        return 0;
    }

    /** The hosts that {@code selection} names ({@code all} or {@code a,b}); a one-line error otherwise. */
    static List<Hosts.Host> hosts(JpmHome home, String selection) {
        try {
            return Hosts.read(home.hostsFile()).select(selection);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), 2);
        } catch (IOException e) {
            throw new CliException("cannot read " + home.hostsFile() + ": " + e.getMessage());
        }
    }

    /** Every theme, reduced to the terminal's depth; only monochrome when it shows no colors. */
    static List<Theme> themes(ThemeCatalog catalog, ColorDepth depth) {
        if (depth == ColorDepth.MONOCHROME) return List.of(catalog.select(ThemeCatalog.MONOCHROME_THEME, depth));
        List<Theme> out = new ArrayList<>();
        for (Theme t : catalog.themes()) out.add(t.reducedTo(depth));
        return out;
    }

    static int indexOf(List<Theme> themes, String name) {
        for (int i = 0; i < themes.size(); i++) if (themes.get(i).name().equals(name)) return i;
        return -1;
    }

    /** Whether the locale (LC_ALL, then LC_CTYPE, then LANG) is UTF-8. */
    static boolean utf8(Map<String, String> env) {
        for (String k : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
            String v = env.get(k);
            if (v != null && !v.isEmpty()) {
                String lower = v.toLowerCase(Locale.ROOT);
                return lower.contains("utf-8") || lower.contains("utf8");
            }
        }
        return false;
    }
}
