package io.jpm.balancer;

/** Chooses which backend in the rotation receives a new connection. */
public enum Strategy {
    /** Each new connection goes to the next backend in id order. */
    ROUND_ROBIN,
    /** Each new connection goes to the backend with the fewest open connections; ties go round robin. */
    LEAST_CONNECTIONS
}
