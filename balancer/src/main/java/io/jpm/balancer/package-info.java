/**
 * A TCP load balancer that owns one public port and spreads its connections over loopback workers.
 *
 * <p>{@link io.jpm.balancer.Balancer} is the entry point; everything under {@code io.jpm.balancer.internal} may change
 * without notice.
 */
package io.jpm.balancer;
