/**
 * Watching files for PM2's {@code watch}, knowing nothing of apps: {@link io.jpm.engine.watch.TreeWatcher} holds one
 * inotify {@link java.nio.file.WatchService} for the daemon with every watched tree registered recursively, and
 * {@link io.jpm.engine.watch.IgnoreRules} reads {@code ignore_watch} as PM2 does.
 *
 * <p>Threading: {@code TreeWatcher} runs one thread, {@code jpm-watch}, which walks and registers trees and receives
 * the kernel's events; callers on any thread queue work for it. A change calls the watch's listener on that thread
 * (the supervisor's {@code RestartTriggers} hands it to the actor). {@code IgnoreRules} is immutable.
 */
package io.jpm.engine.watch;
