/**
 * systemd's notification protocol, both ways, knowing nothing of apps: {@link io.jpm.engine.notify.SdNotify} tells a
 * service manager READY=1 and STOPPING=1 about the daemon; {@link io.jpm.engine.notify.WorkerNotifySocket} receives
 * what workers send on their NOTIFY_SOCKET, parsed by {@link io.jpm.engine.notify.NotifyMessage}, and
 * {@link io.jpm.engine.notify.Watchdog} keeps the WATCHDOG=1 deadlines with time passed in.
 *
 * <p>Threading: the worker socket receives on its own thread, {@code jpm-notify}, and hands each
 * {@link io.jpm.engine.notify.Notification} to a listener (the supervisor's actor); {@code Watchdog} is not
 * thread-safe and is used on the actor only; {@code SdNotify} may be called from any thread.
 */
package io.jpm.engine.notify;
