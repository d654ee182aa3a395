package io.jpm.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The cluster section: the public port, the balancer and readiness. */
class ClusterSectionTest extends ParserFixture {

    @Test
    void clusterModeWithoutAPortIsNodeClusterMode() throws ConfigException {
        AppSpec api = spec("{'name': 'api', 'script': 'server.js', 'exec_mode': 'cluster'}");
        assertEquals(AppSpec.ExecMode.CLUSTER, api.run().mode());
        assertTrue(api.cluster().nodeCluster(), "no port: node's cluster module shares the app's own socket");
        assertFalse(spec("{'script': 'server.js', 'exec_mode': 'cluster', 'port': 80}")
                .cluster()
                .nodeCluster());
        AppSpec anyPort = spec("{'script': 'server.js', 'exec_mode': 'cluster', 'port': 0}");
        assertFalse(anyPort.cluster().nodeCluster(), "port 0: the balancer takes any free port");
        assertEquals(0, anyPort.cluster().port());
        assertEquals(
                AppSpec.ExecMode.FORK,
                spec("{'script': 'server.js', 'exec_mode': 'fork_mode'}").run().mode());
    }

    @Test
    void balanceIsRoundRobinUnlessLeastConnectionsIsAskedFor() throws ConfigException {
        assertEquals(
                AppSpec.Balance.ROUND_ROBIN,
                spec("{'script': 'server.js'}").cluster().balance());
        assertEquals(
                AppSpec.Balance.LEAST_CONNECTIONS,
                spec("{'script': 'server.js', 'exec_mode': 'cluster', 'port': 80, 'balance': 'least-connections'}")
                        .cluster()
                        .balance());
        assertEquals(
                AppSpec.Balance.LEAST_CONNECTIONS,
                spec("{'script': 'server.js', 'balance': 'least_conn'}")
                        .cluster()
                        .balance());
        assertEquals(
                List.of("app \"server\": balance: \"random\" is not \"round-robin\" or \"least-connections\""),
                problems("{'script': 'server.js', 'balance': 'random'}"));
    }

    @Test
    void listenModeIsProxyUnlessTheSocketIsAskedFor() throws ConfigException {
        ClusterSettings proxy = spec("{'script': 'server.js', 'exec_mode': 'cluster', 'port': 80}")
                .cluster();
        assertEquals(ClusterSettings.ListenMode.PROXY, proxy.listenMode());
        assertFalse(proxy.sharesSocket());
        ClusterSettings socket =
                spec("{'script': 'server.js', 'exec_mode': 'cluster', 'port': 80, 'listen_mode': 'Socket'}")
                        .cluster();
        assertTrue(socket.sharesSocket());
        assertFalse(socket.nodeCluster());
        ClusterSettings unix = spec("{'script': 'server.js', 'exec_mode': 'cluster', 'listen_path': '/run/web.sock'}")
                .cluster();
        assertTrue(unix.sharesSocket(), "a listen_path asks for the socket mode");
        assertEquals("/run/web.sock", unix.listenPath());
        assertFalse(unix.nodeCluster());
        AppSpec saved =
                SavedSpec.read(SavedSpec.write(spec("{'script': 'server.js', 'listen_path': '/run/web.sock'}")));
        assertEquals(unix.listenMode(), saved.cluster().listenMode());
        assertEquals(unix.listenPath(), saved.cluster().listenPath());
    }

    @Test
    void theSocketModeOfAForkModeAppIsWarnedAbout() throws ConfigException {
        assertEquals(
                List.of("app \"server\": listen_mode \"socket\" applies to cluster mode (exec_mode \"cluster\") and was"
                        + " ignored"),
                warnings("{'script': 'server.js', 'port': 80, 'listen_mode': 'socket'}"));
    }

    @Test
    void aListenModeThatCannotWorkIsAnError() {
        assertEquals(
                List.of("app \"server\": listen_mode: \"sockets\" is not \"proxy\" or \"socket\""),
                problems("{'script': 'server.js', 'port': 80, 'listen_mode': 'sockets'}"));
        assertEquals(
                List.of("app \"server\": listen_mode: \"socket\" needs a port or a listen_path"),
                problems("{'script': 'server.js', 'listen_mode': 'socket'}"));
        assertEquals(
                List.of("app \"server\": listen_path: needs listen_mode \"socket\""),
                problems("{'script': 'server.js', 'listen_mode': 'proxy', 'listen_path': '/run/web.sock'}"));
        assertEquals(
                List.of("app \"server\": listen_path: \"web.sock\" is not an absolute path"),
                problems("{'script': 'server.js', 'listen_path': 'web.sock'}"));
    }
}
