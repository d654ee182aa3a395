#!/usr/bin/env bash
# Metrics bench: what sampling costs the jpm daemon against PM2 7.0.4 with 200 `sleep` workers, and how late the
# `stats` message reaches a subscriber after its interval ticks (jpm only: PM2 publishes no such message).
# Self-contained and non-interactive; everything it starts lives under one temp dir and is stopped on exit.
set -u -o pipefail

LOG_TAG=metrics
source "$(dirname "$0")/lib.sh"   # BENCH_DIR, REPO, PM2_VERSION and the shared helpers
N=${BENCH_WORKERS:-200}
CPU_S=${BENCH_CPU_SECONDS:-30}
MSGS=${BENCH_STATS_MESSAGES:-30}
SETTLE_S=${BENCH_SETTLE_SECONDS:-5}   # pause after all are online, before the CPU windows

make_tmp jpm-metrics-bench
mkdir -p "$TMP/bin"
chmod 700 "$JPM_HOME"
JPM="$REPO/bin/jpm" PM2=""

stop_tools() { # called by cleanup (lib.sh)
  alive "$(cat "$JPM_HOME/daemon.pid" 2>/dev/null)" && timeout 60 "$JPM" kill >/dev/null 2>&1
  [ -n "$PM2" ] && alive "$(cat "$PM2_HOME/pm2.pid" 2>/dev/null)" && timeout 60 "$PM2" kill >/dev/null 2>&1
  kill_leftovers "killing leftover process(es):" 1
}
install_cleanup

pct() { sort -g | awk -v p="$1" '{ v[NR] = $1 } END { if (NR) { i = int(NR * p / 100 + 0.999); print v[i < 1 ? 1 : i] } }'; }
cpu_over() { # pid seconds [command run every second meanwhile] -> % of one core
  local pid=$1 secs=$2 a b end; shift 2
  a=$(cpu_ticks "$pid"); end=$(( SECONDS + secs ))
  if [ $# -gt 0 ]; then while [ $SECONDS -lt $end ]; do "$@" >/dev/null 2>&1; sleep 1; done; else sleep "$secs"; fi
  b=$(cpu_ticks "$pid")
  ticks_pct $((b - a)) "$secs" 2
}
thread_ticks() { # pid thread-name -> utime+stime of that daemon thread
  local t
  for t in /proc/$1/task/*; do
    [ "$(cat "$t/comm" 2>/dev/null)" = "$2" ] || continue
    stat_ticks "$t/stat" || continue; return
  done
  echo 0
}
online() { # tool -> workers named s online
  local out
  if [ "$1" = jpm ]; then out=$("$JPM" list --json 2>/dev/null); else out=$("$PM2" jlist 2>/dev/null); fi
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{const a=JSON.parse(s.slice(s.indexOf("[")));
    console.log(a.filter(o=>o.name==="s"&&(o.status??o.pm2_env?.status)==="online").length)}catch(e){console.log(-1)}})' <<<"$out"
}
wait_online() { local deadline=$(( SECONDS + 180 )); while [ $SECONDS -lt $deadline ]; do
  [ "$(online "$1")" -ge "$N" ] && return 0; sleep 0.5; done; die "$1: $N workers not online after 180 s"; }

need_node "node and npm are needed (for PM2)"
install_pm2 "npm install failed"
log "building jpm if needed"
check_jpm "jpm does not build"
cp "$(command -v sleep)" "$TMP/bin/sleep"
export PATH="$TMP/bin:$PATH"
source "$REPO/bin/jpm-env.sh"
echo '{"sampleIntervalMs": 1000}' >"$JPM_HOME/settings.json"

declare -A R
RAW=()   # raw lines (raw, lib.sh)

log "jpm: start $N sleep workers"
"$JPM" start sleep --name s -i "$N" -- 3600 >"$TMP/logs/start-jpm.log" 2>&1 || die "jpm start failed"
wait_online jpm
JPID=$(cat "$JPM_HOME/daemon.pid")
sleep "$SETTLE_S"
log "jpm: daemon CPU over ${CPU_S}s, nobody watching"
S0=$(thread_ticks "$JPID" jpm-sampler)
R[idle_j]=$(cpu_over "$JPID" "$CPU_S")
S1=$(thread_ticks "$JPID" jpm-sampler)
R[sampler_j]=$(ticks_pct $((S1 - S0)) "$CPU_S" 2)
raw "jpm daemon CPU, $N workers, sampling every 1 s, no client: ${R[idle_j]} % of one core, of which the jpm-sampler thread ${R[sampler_j]} %"
log "jpm: daemon CPU over ${CPU_S}s, list --json every second"
R[poll_j]=$(cpu_over "$JPID" "$CPU_S" "$JPM" list --json)
raw "jpm daemon CPU, $N workers, list --json every second: ${R[poll_j]} % of one core"
log "jpm: stats latency over $MSGS messages"
"$JPM_JAVA" -cp "$REPO/tui/target/lib/*" "$BENCH_DIR/stats-latency.java" "$MSGS" >"$TMP/lat.txt" 2>"$TMP/logs/lat.log" \
  || log "stats-latency failed: $(tail -3 "$TMP/logs/lat.log")"
R[lat_med]=$(cut -d' ' -f1 "$TMP/lat.txt" | median raw)
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

print_raw
echo "## Metrics: jpm vs PM2 $PM2_VERSION ($(date -u +%F), $(nproc) cpu(s), $N sleep workers)"
echo
echo "| figure | jpm | PM2 | ratio (jpm/PM2) | target |"
echo "|---|---|---|---|---|"
echo "| daemon CPU over ${CPU_S} s, no client (jpm samples every 1 s; PM2 samples only when asked) | ${R[idle_j]} % | ${R[idle_p]} % | $(ratio "${R[idle_j]}" "${R[idle_p]}") | < 2 % of one core |"
echo "| … of which the sampling thread (\`jpm-sampler\`: /proc reads, OSHI host, history) | ${R[sampler_j]} % | — | — | — |"
echo "| daemon CPU over ${CPU_S} s, a client asking for the list every second | ${R[poll_j]} % | ${R[poll_p]} % | $(ratio "${R[poll_j]}" "${R[poll_p]}") | — |"
echo "| \`stats\` message: tick → subscriber (median / p90 of $MSGS; jpm only) | ${R[lat_med]:-error} / ${R[lat_p90]:-error} ms | — | — | — |"
