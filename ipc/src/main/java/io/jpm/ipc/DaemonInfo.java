package io.jpm.ipc;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Objects;
import java.util.Optional;

/** What a client needs to reach a daemon, as written to {@code daemon.json}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DaemonInfo(
        String version,
        long pid,
        String commandEndpoint,
        String eventEndpoint,
        String serverPublicKey,
        long startedAtMs) {

    public DaemonInfo {
        Objects.requireNonNull(commandEndpoint, "commandEndpoint");
        Objects.requireNonNull(eventEndpoint, "eventEndpoint");
        Objects.requireNonNull(serverPublicKey, "serverPublicKey");
    }

    public void write(JpmHome home) throws IOException {
        JpmHome.writePrivateAtomically(home.daemonJson(), Json.MAPPER.writeValueAsBytes(this));
    }

    /** The daemon.json of this home, or empty if there is none or it cannot be read. */
    public static Optional<DaemonInfo> read(JpmHome home) {
        try {
            // read from the tree, not bound: binding a record costs every one-shot client command ~20-50 ms
            JsonNode n = Json.MAPPER.readTree(Files.readAllBytes(home.daemonJson()));
            return Optional.of(new DaemonInfo(
                    n.path("version").asText(null),
                    n.path("pid").asLong(),
                    n.path("commandEndpoint").asText(null),
                    n.path("eventEndpoint").asText(null),
                    n.path("serverPublicKey").asText(null),
                    n.path("startedAtMs").asLong()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
