#!/usr/bin/env bash
# Metrics bench: what sampling costs the jpm daemon against PM2 7.0.4 with 200 `sleep` workers, and how late the
# `stats` message reaches a subscriber after its interval ticks (jpm only: PM2 publishes no such message).
# Self-contained and non-interactive; everything it starts lives under one temp dir and is stopped on exit.
set -u -o pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)
PM2_VERSION=${PM2_VERSION:-7.0.4}
N=${BENCH_WORKERS:-200}
CPU_S=${BENCH_CPU_SECONDS:-30}
MSGS=${BENCH_STATS_MESSAGES:-30}
SETTLE_S=5

log() { printf '[metrics %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "FATAL: $*"; exit 1; }

TMP=$(mktemp -d /tmp/jpm-metrics-bench.XXXXXX) || exit 1
export JPM_HOME="$TMP/jpm-home" PM2_HOME="$TMP/pm2-home"
mkdir -p "$JPM_HOME" "$PM2_HOME" "$TMP/bin" "$TMP/logs"
chmod 700 "$JPM_HOME"
JPM="$REPO/bin/jpm" PM2=""

our_pids() { # every process whose binary or command line is under $TMP
  local d exe cmd
  for d in /proc/[0-9]*; do
    [ "${d#/proc/}" = "$$" ] && continue
    exe=$(readlink "$d/exe" 2>/dev/null); cmd=$(tr '\0' ' ' <"$d/cmdline" 2>/dev/null)
    case "$exe $cmd" in *"$TMP"*) echo "${d#/proc/}" ;; esac
  done
}
alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }
cleanup() {
  local rc=$? left
  trap - EXIT INT TERM HUP
  set +e
  alive "$(cat "$JPM_HOME/daemon.pid" 2>/dev/null)" && timeout 60 "$JPM" kill >/dev/null 2>&1
  [ -n "$PM2" ] && alive "$(cat "$PM2_HOME/pm2.pid" 2>/dev/null)" && timeout 60 "$PM2" kill >/dev/null 2>&1
  left=$(our_pids)
  [ -n "$left" ] && { log "killing leftover process(es): $(echo $left)"; kill -9 $left 2>/dev/null; }
  rm -rf "$TMP"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit; if (NR % 2) print v[(NR + 1) / 2];
                                              else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
pct() { sort -g | awk -v p="$1" '{ v[NR] = $1 } END { if (NR) { i = int(NR * p / 100 + 0.999); print v[i < 1 ? 1 : i] } }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "n/a"; else printf "%.2f", a / b }'; }
cpu_ticks() { local s; s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1; s=${s##*) }; set -- $s; echo $(( ${12} + ${13} )); }
cpu_over() { # pid seconds [command run every second meanwhile] -> % of one core
  local pid=$1 secs=$2 a b end; shift 2
  a=$(cpu_ticks "$pid"); end=$(( SECONDS + secs ))
  if [ $# -gt 0 ]; then while [ $SECONDS -lt $end ]; do "$@" >/dev/null 2>&1; sleep 1; done; else sleep "$secs"; fi
  b=$(cpu_ticks "$pid")
  awk -v d=$((b - a)) -v hz="$(getconf CLK_TCK)" -v s="$secs" 'BEGIN { printf "%.2f", d / hz / s * 100 }'
}
online() { # tool -> workers named s online
  local out
  if [ "$1" = jpm ]; then out=$("$JPM" list --json 2>/dev/null); else out=$("$PM2" jlist 2>/dev/null); fi
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{const a=JSON.parse(s.slice(s.indexOf("[")));
    console.log(a.filter(o=>o.name==="s"&&(o.status??o.pm2_env?.status)==="online").length)}catch(e){console.log(-1)}})' <<<"$out"
}
wait_online() { local deadline=$(( SECONDS + 180 )); while [ $SECONDS -lt $deadline ]; do
  [ "$(online "$1")" -ge "$N" ] && return 0; sleep 0.5; done; die "$1: $N workers not online after 180 s"; }

command -v node >/dev/null && command -v npm >/dev/null || die "node and npm are needed (for PM2)"
log "installing pm2@$PM2_VERSION into $TMP/pm2"
npm install --prefix "$TMP/pm2" --no-audit --no-fund "pm2@$PM2_VERSION" >"$TMP/logs/npm.log" 2>&1 \
  || { tail -20 "$TMP/logs/npm.log" >&2; die "npm install failed"; }
PM2="$TMP/pm2/node_modules/.bin/pm2"
log "building jpm if needed"
"$JPM" version >"$TMP/logs/build.log" 2>&1 || { cat "$TMP/logs/build.log" >&2; die "jpm does not build"; }
cp "$(command -v sleep)" "$TMP/bin/sleep"
export PATH="$TMP/bin:$PATH"
source "$REPO/bin/jpm-env.sh"
echo '{"sampleIntervalMs": 1000}' >"$JPM_HOME/settings.json"

declare -A R
RAW=()
raw() { RAW+=("$*"); log "$*"; }

log "jpm: start $N sleep workers"
"$JPM" start sleep --name s -i "$N" -- 3600 >"$TMP/logs/start-jpm.log" 2>&1 || die "jpm start failed"
wait_online jpm
JPID=$(cat "$JPM_HOME/daemon.pid")
sleep "$SETTLE_S"
log "jpm: daemon CPU over ${CPU_S}s, nobody watching"
R[idle_j]=$(cpu_over "$JPID" "$CPU_S")
raw "jpm daemon CPU, $N workers, sampling every 1 s, no client: ${R[idle_j]} % of one core"
log "jpm: daemon CPU over ${CPU_S}s, list --json every second"
R[poll_j]=$(cpu_over "$JPID" "$CPU_S" "$JPM" list --json)
raw "jpm daemon CPU, $N workers, list --json every second: ${R[poll_j]} % of one core"
log "jpm: stats latency over $MSGS messages"
"$JPM_JAVA" -cp "$REPO/tui/target/lib/*" "$BENCH_DIR/stats-latency.java" "$MSGS" >"$TMP/lat.txt" 2>"$TMP/logs/lat.log" \
  || log "stats-latency failed: $(tail -3 "$TMP/logs/lat.log")"
R[lat_med]=$(cut -d' ' -f1 "$TMP/lat.txt" | median)
R[lat_p90]=$(cut -d' ' -f1 "$TMP/lat.txt" | pct 90)
raw "stats latency ms (tick -> subscriber, $(cut -d' ' -f2 "$TMP/lat.txt" | sort -u | tr '\n' ' ')workers): $(cut -d' ' -f1 "$TMP/lat.txt" | tr '\n' ' ')"
"$JPM" delete all >/dev/null 2>&1
"$JPM" kill >/dev/null 2>&1

log "pm2: start $N sleep workers"
"$PM2" start "$TMP/bin/sleep" --name s -i "$N" -f -- 3600 >"$TMP/logs/start-pm2.log" 2>&1 || die "pm2 start failed"
wait_online pm2
PPID2=$(cat "$PM2_HOME/pm2.pid")
sleep "$SETTLE_S"
log "pm2: daemon CPU over ${CPU_S}s, nobody watching"
R[idle_p]=$(cpu_over "$PPID2" "$CPU_S")
raw "PM2 daemon CPU, $N workers, no client: ${R[idle_p]} % of one core"
log "pm2: daemon CPU over ${CPU_S}s, jlist every second"
R[poll_p]=$(cpu_over "$PPID2" "$CPU_S" "$PM2" jlist)
raw "PM2 daemon CPU, $N workers, jlist every second: ${R[poll_p]} % of one core"
"$PM2" delete all >/dev/null 2>&1

echo
echo "## Raw numbers"
echo
printf -- '- %s\n' "${RAW[@]}"
echo
echo "## Metrics: jpm vs PM2 $PM2_VERSION ($(date -u +%F), $(nproc) cpu(s), $N sleep workers)"
echo
echo "| figure | jpm | PM2 | ratio (jpm/PM2) | target |"
echo "|---|---|---|---|---|"
echo "| daemon CPU over ${CPU_S} s, no client (jpm samples every 1 s; PM2 samples only when asked) | ${R[idle_j]} % | ${R[idle_p]} % | $(ratio "${R[idle_j]}" "${R[idle_p]}") | < 2 % of one core |"
echo "| daemon CPU over ${CPU_S} s, a client asking for the list every second | ${R[poll_j]} % | ${R[poll_p]} % | $(ratio "${R[poll_j]}" "${R[poll_p]}") | — |"
echo "| \`stats\` message: tick → subscriber (median / p90 of $MSGS; jpm only) | ${R[lat_med]:-error} / ${R[lat_p90]:-error} ms | — | — | — |"
