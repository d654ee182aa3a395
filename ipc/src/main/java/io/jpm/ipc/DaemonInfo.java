package io.jpm.ipc;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Objects;
import java.util.Optional;

/** What a client needs to reach a daemon, as written to {@code daemon.json}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DaemonInfo(
        String version, long pid, String commandEndpoint, String eventEndpoint, String serverPublicKey,
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
            return Optional.of(Json.MAPPER.readValue(Files.readAllBytes(home.daemonJson()), DaemonInfo.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
