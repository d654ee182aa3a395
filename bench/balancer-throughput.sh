#!/usr/bin/env bash
# Loopback micro bench of the balancer module: direct vs through the balancer. Prints figures; asserts nothing.
# Usage: bench/balancer-throughput.sh [seconds-per-run]   (default 5; the whole run takes about 6 runs of that)
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
./mvnw -q -B -pl balancer -DskipTests package >/dev/null
exec "$JAVA_HOME/bin/java" -Dseconds="${1:-5}" -cp balancer/target/classes bench/balancer-throughput.java
