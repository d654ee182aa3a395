package io.jpm.tui.cli;

import io.jpm.ipc.AuthorizedKeys;
import io.jpm.ipc.CurveKeys;
import io.jpm.ipc.JpmHome;
import io.jpm.ipc.RemoteListen;
import io.jpm.ipc.Request;
import io.jpm.ipc.wire.Results;
import io.jpm.tui.CliException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * The verbs that let other hosts in: {@code jpm remote} (where this daemon listens for them) and {@code jpm keys}
 * (whose client keys it admits). Both act on this host only.
 */
final class RemoteCommands {
    private RemoteCommands() {}

    @Command(
            name = "remote",
            description = "Let other hosts reach this daemon (off by default): enable, disable, status.",
            subcommands = {Enable.class, Disable.class, Status.class})
    static final class Remote implements Runnable {
        @ParentCommand
        Jpm jpm;

        @Override
        public void run() {
            throw new CliException("say what: jpm remote enable --listen ADDR:PORT | disable | status", 2);
        }

        void print(Results.Remote r) {
            if (!r.enabled()) {
                jpm.out().println("remote access off (loopback only)");
            } else {
                jpm.out().println("remote access on");
                jpm.out().println("  commands   " + r.commandEndpoint());
                jpm.out().println("  events     " + r.eventEndpoint());
            }
            jpm.out().println("  server key " + r.serverPublicKey());
            if (r.enabled()) {
                jpm.out()
                        .println("on another host: jpm hosts add NAME " + r.commandEndpoint() + " "
                                + r.serverPublicKey());
            }
        }

        Results.Remote call(Request.RemoteAccess request) {
            jpm.requireLocal("remote");
            return jpm.call(request);
        }
    }

    @Command(
            name = "enable",
            description = "Also listen at ADDR:PORT (commands) and PORT+1 (events) for admitted keys; "
                    + "kept across daemon restarts.")
    static final class Enable implements Callable<Integer> {
        @ParentCommand
        Remote remote;

        @Option(names = "--listen", required = true, paramLabel = "ADDR:PORT", description = "e.g. 10.0.0.5:7070")
        String listen;

        @Override
        public Integer call() {
            try {
                RemoteListen.parse(listen);
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage(), 2);
            }
            remote.print(remote.call(new Request.RemoteEnable(listen)));
            return 0;
        }
    }

    @Command(name = "disable", description = "Listen on loopback only again; other hosts' connections end.")
    static final class Disable implements Callable<Integer> {
        @ParentCommand
        Remote remote;

        @Override
        public Integer call() {
            remote.print(remote.call(new Request.RemoteDisable()));
            return 0;
        }
    }

    @Command(name = "status", description = "Where other hosts reach this daemon, and its server public key.")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        Remote remote;

        @Override
        public Integer call() {
            remote.print(remote.call(new Request.RemoteStatus()));
            return 0;
        }
    }

    @Command(
            name = "keys",
            description = "The client keys this daemon admits from other hosts: add, list, revoke, show.",
            subcommands = {KeysAdd.class, KeysList.class, KeysRevoke.class, KeysShow.class})
    static final class Keys implements Runnable {
        @ParentCommand
        Jpm jpm;

        @Override
        public void run() {
            throw new CliException("say what: jpm keys add NAME KEY | list | revoke NAME | show", 2);
        }

        Path file() {
            jpm.requireLocal("keys");
            return AuthorizedKeys.file(jpm.home());
        }

        AuthorizedKeys read() {
            return AuthorizedKeys.read(file());
        }

        void write(AuthorizedKeys keys) {
            try {
                jpm.home().ensureCreated();
                keys.write(file());
            } catch (IOException e) {
                throw new CliException("cannot write " + file() + ": " + e.getMessage());
            }
        }
    }

    @Command(name = "add", description = "Admit another host's client key (from its jpm keys show) under NAME.")
    static final class KeysAdd implements Callable<Integer> {
        @ParentCommand
        Keys keys;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "PUBLIC_KEY")
        String key;

        @Override
        public Integer call() {
            AuthorizedKeys updated;
            try {
                updated = keys.read().with(new AuthorizedKeys.Entry(name, key));
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage(), 2);
            }
            keys.write(updated);
            keys.jpm.out().println("admitted key " + name + " (jpm remote status tells whether anyone can connect)");
            return 0;
        }
    }

    @Command(name = "list", description = "The admitted keys, by name.")
    static final class KeysList implements Callable<Integer> {
        @ParentCommand
        Keys keys;

        @Override
        public Integer call() {
            var entries = keys.read().entries();
            if (entries.isEmpty()) keys.jpm.out().println("(no keys; add one with: jpm keys add NAME PUBLIC_KEY)");
            for (AuthorizedKeys.Entry e : entries) keys.jpm.out().printf("%-20s %s%n", e.name(), e.publicKey());
            return 0;
        }
    }

    @Command(name = "revoke", description = "Refuse a key from now on; its open connections are dropped at once.")
    static final class KeysRevoke implements Callable<Integer> {
        @ParentCommand
        Keys keys;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            AuthorizedKeys updated;
            try {
                updated = keys.read().without(name);
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage(), 2);
            }
            keys.write(updated);
            keys.jpm.out().println("revoked key " + name);
            return 0;
        }
    }

    @Command(name = "show", description = "This host's client public key, for jpm keys add on the hosts it reaches.")
    static final class KeysShow implements Callable<Integer> {
        @ParentCommand
        Keys keys;

        @Override
        public Integer call() {
            keys.jpm.requireLocal("keys");
            try {
                JpmHome home = keys.jpm.home().ensureCreated();
                keys.jpm.out().println(CurveKeys.clientPair(home).publicKey());
            } catch (IOException e) {
                throw new CliException("cannot read the client key: " + e.getMessage());
            }
            return 0;
        }
    }
}
