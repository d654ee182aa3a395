/**
 * Persistence: dump.json (DumpStore) and bringing its apps back (Recovery), which adopts the workers a previous
 * daemon left running when their identity is proven.
 *
 * <p>Threading: Recovery runs on the supervisor's actor. DumpStore writes on its own thread so that a slow disk
 * never holds the actor; a write replaces the file atomically.
 */
package io.jpm.engine.persist;
