/**
 * Persistence: dump.json (DumpStore), written in its own versioned form ({@code config.SavedSpec} for each app's
 * settings). Bringing its apps back is supervise's Recovery, which owns the apps.
 *
 * <p>Threading: DumpStore writes on its own thread so that a slow disk never holds the actor; a write replaces the
 * file atomically.
 */
package io.jpm.engine.persist;
