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
}
