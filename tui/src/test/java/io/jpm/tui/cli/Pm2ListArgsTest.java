package io.jpm.tui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** PM2's {@code args} in jlist, taken back out of the worker's argv. */
class Pm2ListArgsTest {

    @Test
    void whatFollowsTheScriptResolvedAgainstTheCwd() {
        assertEquals(
                List.of("--port", "3000"),
                Pm2List.argsOf(
                        List.of("/usr/bin/node", "--inspect", "/srv/app/dist/main.js", "--port", "3000"),
                        "/srv/app",
                        "./dist/main.js"));
        assertEquals(List.of(), Pm2List.argsOf(List.of("/usr/bin/node", "/srv/app/main.js"), "/srv/app", "main.js"));
    }

    @Test
    void aCommandFoundOnPathIsKnownByItsFileName() {
        assertEquals(
                List.of("run", "start"),
                Pm2List.argsOf(List.of("/usr/bin/node", "/usr/bin/npm", "run", "start"), "/srv/app", "npm"));
    }

    @Test
    void aCommandLineRunWithAShellIsPm2sDashC() {
        assertEquals(
                List.of("-c", "npm run build && npm start"),
                Pm2List.argsOf(
                        List.of("/usr/bin/bash", "-c", "npm run build && npm start"),
                        "/srv/app",
                        "npm run build && npm start"));
    }
}
