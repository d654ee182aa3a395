package io.jpm.ipc;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.zeromq.ZMQ;

/**
 * The CURVE key pairs of one JPM_HOME: the daemon's ({@code keys/server.key}) and the clients'
 * ({@code keys/client.key}, public half also in {@code keys/client.pub}). Secret files are 0600 in a 0700 folder,
 * so whoever cannot read JPM_HOME cannot talk to the daemon.
 */
public final class CurveKeys {
    /** A Z85-encoded key pair. */
    public record Pair(String publicKey, String secretKey) {
        public Pair {
            Objects.requireNonNull(publicKey, "publicKey");
            Objects.requireNonNull(secretKey, "secretKey");
        }

        public byte[] publicBytes() {
            return ZMQ.Curve.z85Decode(publicKey);
        }

        public byte[] secretBytes() {
            return ZMQ.Curve.z85Decode(secretKey);
        }

        @Override
        public String toString() {
            return "Pair[public=" + publicKey + ", secret=<hidden>]";
        }
    }

    private CurveKeys() {}

    /** The daemon's pair, made on first use. */
    public static Pair serverPair(JpmHome home) throws IOException {
        return loadOrCreate(home.keys().resolve("server.key"));
    }

    /** The clients' pair, made on first use; its public half is written to {@code client.pub}. */
    public static synchronized Pair clientPair(JpmHome home) throws IOException {
        Pair pair = loadOrCreate(home.keys().resolve("client.key"));
        Path pub = home.keys().resolve("client.pub");
        if (!Files.exists(pub)) {
            JpmHome.writePrivateAtomically(pub, (pair.publicKey() + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        return pair;
    }

    /** Reads an existing pair without creating one. */
    public static Pair read(Path file) throws IOException {
        JsonNode node = Json.MAPPER.readTree(Files.readAllBytes(file));
        return new Pair(node.path("public").asText(), node.path("secret").asText());
    }

    /** Every public key in {@code keys/*.pub}: the clients the daemon admits. */
    public static Set<String> authorizedClients(Path keysDir) {
        Set<String> keys = new HashSet<>();
        try (Stream<Path> files = Files.list(keysDir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (!f.getFileName().toString().endsWith(".pub")) continue;
                for (String line : Files.readAllLines(f, StandardCharsets.US_ASCII)) {
                    String key = line.strip();
                    if (key.length() == 40) keys.add(key);
                }
            }
        } catch (IOException e) {
            return Set.of();
        }
        return Set.copyOf(keys);
    }

    private static synchronized Pair loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) return read(file);
        JpmHome.createPrivateDir(file.getParent());
        ZMQ.Curve.KeyPair kp = ZMQ.Curve.generateKeyPair();
        var node = Json.MAPPER.createObjectNode().put("public", kp.publicKey).put("secret", kp.secretKey);
        JpmHome.writePrivateAtomically(file, Json.MAPPER.writeValueAsBytes(node));
        return new Pair(kp.publicKey, kp.secretKey);
    }
}
