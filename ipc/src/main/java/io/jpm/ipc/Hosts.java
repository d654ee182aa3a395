package io.jpm.ipc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The other hosts that this host's clients reach, by name, as {@code JPM_HOME/hosts.json} holds them (0600).
 * Immutable: {@link #with} and {@link #without} return new lists, {@link #write} stores one.
 */
public final class Hosts {
    private static final Pattern ENDPOINT = Pattern.compile("tcp://([^:/\\s]+|\\[[0-9A-Fa-f:.]+]):(\\d{1,5})");

    /**
     * One remote daemon: its command endpoint {@code tcp://ADDR:PORT} (events on the next port) and the server public
     * key that proves it is that daemon.
     */
    public record Host(String name, String endpoint, String serverPublicKey) {
        public Host {
            AuthorizedKeys.requireName(name);
            if ("all".equals(name)) throw new IllegalArgumentException("'all' names every host; pick another name");
            Matcher m = ENDPOINT.matcher(endpoint == null ? "" : endpoint);
            if (!m.matches() || Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > 65534) {
                throw new IllegalArgumentException("expected tcp://ADDR:PORT, e.g. tcp://10.0.0.5:7070: " + endpoint);
            }
            AuthorizedKeys.requireKey(serverPublicKey);
        }

        /** The address part of the endpoint. */
        public String address() {
            Matcher m = ENDPOINT.matcher(endpoint);
            if (!m.matches()) throw new IllegalStateException(endpoint);
            return m.group(1);
        }

        private int port() {
            Matcher m = ENDPOINT.matcher(endpoint);
            if (!m.matches()) throw new IllegalStateException(endpoint);
            return Integer.parseInt(m.group(2));
        }

        /** What a client needs to reach this host's daemon. */
        public DaemonInfo daemon() {
            String events = "tcp://" + address() + ":" + (port() + 1);
            return new DaemonInfo(null, 0, endpoint, events, serverPublicKey, 0);
        }
    }

    private final List<Host> hosts;

    private Hosts(List<Host> hosts) {
        this.hosts = List.copyOf(hosts);
    }

    /** The hosts of {@code file}, or none when it does not exist. */
    public static Hosts read(Path file) throws IOException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return new Hosts(List.of());
        }
        List<Host> hosts = new ArrayList<>();
        for (JsonNode h : root.path("hosts")) {
            try {
                hosts.add(new Host(
                        h.path("name").asText(null),
                        h.path("endpoint").asText(null),
                        h.path("serverPublicKey").asText(null)));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": " + e.getMessage());
            }
        }
        return new Hosts(hosts);
    }

    public List<Host> all() {
        return hosts;
    }

    public Optional<Host> named(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
    }

    /**
     * The hosts that {@code selection} names: {@code all}, or names separated by commas, each of which must exist.
     */
    public List<Host> select(String selection) {
        Objects.requireNonNull(selection, "selection");
        if (selection.equals("all")) {
            if (hosts.isEmpty()) throw new IllegalArgumentException("no hosts yet; add one with: jpm hosts add");
            return hosts;
        }
        List<Host> chosen = new ArrayList<>();
        for (String name : selection.split(",")) {
            String n = name.strip();
            if (n.isEmpty()) continue;
            Host h = named(n).orElseThrow(() -> new IllegalArgumentException("unknown host: " + n + known()));
            if (!chosen.contains(h)) chosen.add(h);
        }
        if (chosen.isEmpty()) throw new IllegalArgumentException("no host named in: " + selection);
        return List.copyOf(chosen);
    }

    /** The one host {@code name} names, or a one-line error listing the known names. */
    public Host require(String name) {
        return named(name).orElseThrow(() -> new IllegalArgumentException("unknown host: " + name + known()));
    }

    private String known() {
        return hosts.isEmpty()
                ? " (no hosts yet; add one with: jpm hosts add)"
                : " (known: " + String.join(", ", hosts.stream().map(Host::name).toList()) + ")";
    }

    public Hosts with(Host host) {
        if (named(host.name()).isPresent())
            throw new IllegalArgumentException("a host named " + host.name() + " exists");
        List<Host> more = new ArrayList<>(hosts);
        more.add(host);
        return new Hosts(more);
    }

    public Hosts without(String name) {
        if (named(name).isEmpty()) throw new IllegalArgumentException("unknown host: " + name + known());
        return new Hosts(hosts.stream().filter(h -> !h.name().equals(name)).toList());
    }

    /** Stores the list, 0600, atomically. */
    public void write(Path file) throws IOException {
        var root = Json.MAPPER.createObjectNode();
        ArrayNode array = root.putArray("hosts");
        for (Host h : hosts) {
            array.addObject()
                    .put("name", h.name())
                    .put("endpoint", h.endpoint())
                    .put("serverPublicKey", h.serverPublicKey());
        }
        JpmHome.createPrivateDir(file.getParent());
        JpmHome.writePrivateAtomically(
                file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }
}
