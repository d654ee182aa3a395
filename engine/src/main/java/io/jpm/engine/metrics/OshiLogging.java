package io.jpm.engine.metrics;

/**
 * Keeps SLF4J, which OSHI logs through, from printing its "no providers" notice into daemon.log: jpm ships no
 * SLF4J binding, and OSHI's log lines are not worth one.
 */
final class OshiLogging {
    private OshiLogging() {}

    static void quiet() {
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
    }
}
