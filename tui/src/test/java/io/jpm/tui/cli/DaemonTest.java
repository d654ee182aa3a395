package io.jpm.tui.cli;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test against a real daemon in its own temporary JPM_HOME: {@link #d} drives it, and after each test it is
 * killed and the test fails if any daemon or worker of that home is left.
 */
abstract class DaemonTest {
    @TempDir
    Path tmp;

    TestDaemon d;

    @BeforeEach
    void newHome() throws Exception {
        d = new TestDaemon(tmp);
    }

    @AfterEach
    void nothingLeftBehind() {
        d.close();
    }
}
