#!/usr/bin/env bash
# Node's cluster mode without a port: jpm as node's cluster primary vs PM2's cluster mode, the same node http worker
# x2 (examples/web.js, which listens on $PORT itself), in one run. Prints raw lines on stderr and a markdown table on
# stdout: figure | jpm | PM2 | ratio (jpm/PM2). Needs node, npm and wrk (installed with apt-get when missing).
# Everything runs under one temp dir and is stopped when the script exits, however it exits. See bench/README.md.
set -u -o pipefail

LOG_TAG=nodecluster-bench
source "$(dirname "$0")/lib.sh"   # BENCH_DIR, REPO, PM2_VERSION and the shared helpers
RUNS=${BENCH_RUNS:-3}              # throughput runs per side, alternated; the table quotes the median
SECONDS_PER_RUN=${BENCH_SECONDS:-10}
CONNS=${BENCH_CONNS:-50}

make_tmp jpm-nodecluster-bench
JPM="$REPO/bin/jpm" PM2=""

stop_tools() { # called by cleanup (lib.sh)
  log "cleaning up"
  timeout 60 "$JPM" kill >"$TMP/logs/cleanup.log" 2>&1
  [ -n "$PM2" ] && timeout 60 "$PM2" kill >>"$TMP/logs/cleanup.log" 2>&1
  sleep 0.5
  kill_leftovers "killing leftover process(es)"
}
install_cleanup

need_node "node and npm are needed"
apt_tool wrk
install_pm2
log "building jpm if needed"
check_jpm "jpm does not build or run"
snapshot_jpm

cp "$REPO/examples/web.js" "$TMP/web.js"
JP=$(free_port) PP=$(free_port)
while [ "$PP" = "$JP" ]; do PP=$(free_port); done

# The same ecosystem file for both: cluster mode, 2 instances, no port key; the app listens on $PORT itself.
for side in jpm pm2; do
  port=$JP; [ "$side" = pm2 ] && port=$PP
  cat >"$TMP/$side.config.js" <<EOF
module.exports = { apps: [{ name: 'web', script: '$TMP/web.js', instances: 2, exec_mode: 'cluster',
                            env: { PORT: '$port' } }] };
EOF
done

cat >"$TMP/online.js" <<'EOF'
// counts workers named argv[2] that are online in the JSON list on stdin (jpm list --json or pm2 jlist)
let s = '';
process.stdin.on('data', d => s += d).on('end', () => {
  try {
    const a = JSON.parse(s.slice(s.indexOf('[')));
    console.log(a.filter(o => o.name === process.argv[2]
      && (o.status === 'online' || (o.pm2_env && o.pm2_env.status === 'online'))).length);
  } catch (e) { console.log(-1); }
});
EOF
web_ready() { # port tool-list-command... ; 2 online workers named web and the port answering
  local port=$1; shift
  [ "$("$@" 2>/dev/null | node "$TMP/online.js" web)" = 2 ] && curl -fs "http://127.0.0.1:$port/" >/dev/null
}
await_ready() { wait_for 200 0.1 web_ready "$@" || die "web did not get 2 online workers on port $1"; }

log "starting 2 workers each without a port key: jpm on $JP, PM2 on $PP"
"$JPM" start "$TMP/jpm.config.js" >"$TMP/logs/jpm-start.log" 2>&1 || die "jpm start failed: $(cat "$TMP/logs/jpm-start.log")"
"$PM2" start "$TMP/pm2.config.js" >"$TMP/logs/pm2-start.log" 2>&1 || die "pm2 start failed"
await_ready "$JP" "$JPM" list --json
await_ready "$PP" "$PM2" jlist
JDAEMON=$(cat "$JPM_HOME/daemon.pid") PDAEMON=$(cat "$PM2_HOME/pm2.pid")
sleep 1

log "warming up"
wrk -t2 -c"$CONNS" -d2s "http://127.0.0.1:$JP/" >/dev/null 2>&1
wrk -t2 -c"$CONNS" -d2s "http://127.0.0.1:$PP/" >/dev/null 2>&1
: >"$TMP/jpm.tp"; : >"$TMP/pm2.tp"
for i in $(seq 1 "$RUNS"); do
  if [ $((i % 2)) = 1 ]; then order="jpm pm2"; else order="pm2 jpm"; fi
  for side in $order; do
    port=$JP daemon=$JDAEMON; [ "$side" = pm2 ] && port=$PP daemon=$PDAEMON
    t0=$(cpu_ticks "$daemon")
    f=$(wrk -t2 -c"$CONNS" -d"${SECONDS_PER_RUN}s" --latency "http://127.0.0.1:$port/" 2>&1 | wrk_figures)
    t1=$(cpu_ticks "$daemon")
    # the daemon's own CPU (not the workers') during the run, in % of one core
    cpu=$(awk -v t=$((t1 - t0)) -v hz="$(getconf CLK_TCK)" -v s="$SECONDS_PER_RUN" 'BEGIN { printf "%.1f", t * 100 / hz / s }')
    log "run $i $side: req/s p99_ms errors = $f; daemon CPU = $cpu %"
    echo "$f $cpu" >>"$TMP/$side.tp"
  done
done
JRPS=$(cut -d' ' -f1 "$TMP/jpm.tp" | median) PRPS=$(cut -d' ' -f1 "$TMP/pm2.tp" | median)
JP99=$(cut -d' ' -f2 "$TMP/jpm.tp" | median) PP99=$(cut -d' ' -f2 "$TMP/pm2.tp" | median)
JCPU=$(cut -d' ' -f4 "$TMP/jpm.tp" | median) PCPU=$(cut -d' ' -f4 "$TMP/pm2.tp" | median)

# wrk (Connection: close) from 2 s before the first of two reloads until 1 s after the second; prints the errors
reload_errors() { # port reload-command...
  local port=$1; shift
  local out="$TMP/wrk-reload.out"
  wrk -t2 -c20 -d120s -H "Connection: close" "http://127.0.0.1:$port/" >"$out" 2>&1 &
  local w=$!
  sleep 2; "$@" >>"$TMP/logs/reload.log" 2>&1 || log "reload command failed: $*"
  sleep 1; "$@" >>"$TMP/logs/reload.log" 2>&1 || log "reload command failed: $*"
  sleep 1
  kill -INT "$w"; wait "$w"
  log "$* under load: $(grep -E "requests in|Socket errors|Non-2xx" "$out" | tr -s ' \n' ' ')"
  wrk_figures <"$out" | cut -d' ' -f3
}
log "Connection: close load, two reloads each"
JREL=$(reload_errors "$JP" "$JPM" reload web)
await_ready "$JP" "$JPM" list --json
PREL=$(reload_errors "$PP" "$PM2" reload web)
log "reloads: jpm $JREL errors, PM2 $PREL"

echo "jpm $("$JPM" version 2>&1 | head -1) vs PM2 $PM2_VERSION, node $(node --version), $(nproc) cores; node cluster mode"
echo "without a port key, 2 instances of examples/web.js each. Medians of $RUNS runs of"
echo "\`wrk -t2 -c$CONNS -d${SECONDS_PER_RUN}s --latency\`, alternated; the reload row: \`wrk -t2 -c20\`, \`Connection: close\`,"
echo "from 2 s before the first of two reloads until 1 s after the second ends."
echo
echo "| figure | jpm | PM2 | ratio |"
echo "|---|---|---|---|"
echo "| throughput, req/s | $(fmt "$JRPS" 0) | $(fmt "$PRPS" 0) | $(ratio "$JRPS" "$PRPS") |"
echo "| p99 latency, ms | $(fmt "$JP99" 2) | $(fmt "$PP99" 2) | $(ratio "$JP99" "$PP99") |"
echo "| daemon CPU during the load, % of a core | $(fmt "$JCPU" 1) | $(fmt "$PCPU" 1) | $(ratio "$JCPU" "$PCPU") |"
echo "| failed requests, 2 reloads | $JREL | $PREL | |"
