package io.jpm.engine.daemon;

import io.jpm.ipc.ControlServer;
import io.jpm.ipc.ErrorCode;
import io.jpm.ipc.JpmHome;
import io.jpm.ipc.Json;
import io.jpm.ipc.RemoteListen;
import io.jpm.ipc.Reply;
import io.jpm.ipc.Request;
import io.jpm.ipc.wire.Results;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Whether other hosts reach this daemon, and where: the {@code remote-*} commands, and {@code remote.json}, which
 * keeps the choice across daemon restarts. Off unless enabled; nothing but loopback is bound until then.
 */
final class RemoteAccess {
    private final JpmHome home;
    private final ControlServer server;
    private final DaemonLogWriter log;

    RemoteAccess(JpmHome home, ControlServer server, DaemonLogWriter log) {
        this.home = home;
        this.server = server;
        this.log = log;
    }

    /** Listens where {@code remote.json} says, if it says; a failure is logged and leaves loopback only. */
    void restore() {
        Optional<RemoteListen> saved;
        try {
            saved = saved();
        } catch (IOException | RuntimeException e) {
            log.warn("remote access stays off: cannot read " + home.remoteFile() + ": " + e.getMessage());
            return;
        }
        if (saved.isEmpty()) return;
        try {
            server.listenRemote(saved.get()).join();
            log.info("remote access on: commands " + saved.get().commandEndpoint() + ", events "
                    + saved.get().eventEndpoint());
        } catch (RuntimeException e) {
            log.warn("remote access stays off: " + rootMessage(e));
        }
    }

    CompletableFuture<Reply> handle(Request.RemoteAccess request) {
        return switch (request) {
            case Request.RemoteStatus s -> CompletableFuture.completedFuture(Reply.ok(status()));
            case Request.RemoteEnable e -> listen(RemoteListen.parse(e.listen()));
            case Request.RemoteDisable d -> listen(null);
        };
    }

    private CompletableFuture<Reply> listen(RemoteListen where) {
        return server.listenRemote(where).handle((ok, error) -> {
            if (error != null) return Reply.error(ErrorCode.BAD_ARGUMENT, rootMessage(error));
            try {
                if (where == null) Files.deleteIfExists(home.remoteFile());
                else {
                    var node = Json.MAPPER.createObjectNode().put("listen", where.toString());
                    JpmHome.writePrivateAtomically(home.remoteFile(), Json.MAPPER.writeValueAsBytes(node));
                }
            } catch (IOException e) {
                log.warn("cannot record remote access in " + home.remoteFile() + ": " + e.getMessage());
            }
            log.info(
                    where == null
                            ? "remote access off"
                            : "remote access on: commands " + where.commandEndpoint() + ", events "
                                    + where.eventEndpoint());
            return Reply.ok(status());
        });
    }

    private Results.Remote status() {
        Optional<RemoteListen> where = server.remote();
        return new Results.Remote(
                where.isPresent(),
                where.map(RemoteListen::commandEndpoint).orElse(null),
                where.map(RemoteListen::eventEndpoint).orElse(null),
                server.serverPublicKey());
    }

    private Optional<RemoteListen> saved() throws IOException {
        try {
            String listen = Json.MAPPER
                    .readTree(Files.readAllBytes(home.remoteFile()))
                    .path("listen")
                    .asText("");
            return Optional.of(RemoteListen.parse(listen));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.CompletionException || t.getMessage() == null)
                && t.getCause() != null) t = t.getCause();
        return t.getMessage();
    }
}
