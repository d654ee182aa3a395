package io.jpm.tui.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Hosts made of Linux network namespaces, each joined to this one by a veth pair with a /30 of 10.213.0.0/16 that
 * exists only while the test runs. Names carry this run's id, so that parallel runs do not meet; {@link #close}
 * deletes every namespace (and with it its veth pair) and kills whatever still runs inside.
 */
final class TestNetwork implements AutoCloseable {
    /** One namespace: its name and the address its daemon listens on. */
    record Host(String netns, String address) {}

    private final String run;
    private final int subnet;
    private final List<Host> hosts = new ArrayList<>();

    private TestNetwork() {
        this.run = Long.toString(ProcessHandle.current().pid() % 100_000, 36)
                + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36), 36);
        this.subnet = ThreadLocalRandom.current().nextInt(256);
    }

    /** A network of {@code count} hosts, or a failure whose message says why namespaces cannot be made here. */
    static TestNetwork create(int count) throws IOException {
        TestNetwork net = new TestNetwork();
        try {
            for (int i = 0; i < count; i++) net.addHost(i);
        } catch (IOException | RuntimeException e) {
            net.close();
            throw e;
        }
        return net;
    }

    List<Host> hosts() {
        return List.copyOf(hosts);
    }

    private void addHost(int i) throws IOException {
        String ns = "jpmf-" + run + "-" + i;
        String veth = "jf" + run + i;
        String peer = veth + "p";
        String outside = "10.213." + subnet + "." + (4 * i + 1);
        String inside = "10.213." + subnet + "." + (4 * i + 2);
        ip("netns", "add", ns);
        hosts.add(new Host(ns, inside));
        ip("link", "add", veth, "type", "veth", "peer", "name", peer, "netns", ns);
        ip("addr", "add", outside + "/30", "dev", veth);
        ip("link", "set", veth, "up");
        ip("-n", ns, "addr", "add", inside + "/30", "dev", peer);
        ip("-n", ns, "link", "set", peer, "up");
        ip("-n", ns, "link", "set", "lo", "up");
    }

    /** The command line that runs {@code command} inside {@code host}'s namespace. */
    static List<String> inside(Host host, String... command) {
        List<String> line = new ArrayList<>(List.of("ip", "netns", "exec", host.netns()));
        line.addAll(List.of(command));
        return line;
    }

    private static String ip(String... args) throws IOException {
        List<String> line = new ArrayList<>(List.of("ip"));
        line.addAll(List.of(args));
        Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", line) + ": no exit in 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.exitValue() != 0) throw new IOException(String.join(" ", line) + ": " + out);
        return out;
    }

    /** Kills what still runs in each namespace, then deletes it; its veth pair goes with it. */
    @Override
    public void close() {
        for (Host h : hosts) {
            try {
                for (String pid : ip("netns", "pids", h.netns()).split("\\s+")) {
                    if (!pid.isBlank()) ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                }
            } catch (IOException | RuntimeException e) {
                // the namespace is gone or empty
            }
            try {
                ip("netns", "del", h.netns());
            } catch (IOException e) {
                System.err.println("could not delete network namespace " + h.netns() + ": " + e.getMessage());
            }
        }
        hosts.clear();
    }
}
