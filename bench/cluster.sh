#!/usr/bin/env bash
# Cluster mode: jpm's balancer (proxy mode) and jpm's socket mode vs PM2's cluster mode, the same node http worker x2
# (examples/web.js; examples/socket-web.js, the same server on the inherited fd 3), in one run.
# Prints raw lines on stderr and a markdown table on stdout: figure | jpm | PM2 | ratio (jpm/PM2) | target.
# Needs node, npm and wrk (installed with apt-get when missing). Everything runs under one temp dir and is stopped
# when the script exits, however it exits. See bench/README.md.
set -u -o pipefail

LOG_TAG=cluster-bench
source "$(dirname "$0")/lib.sh"   # BENCH_DIR, REPO, PM2_VERSION and the shared helpers
RUNS=${BENCH_RUNS:-3}              # throughput runs per side, alternated; the table quotes the median
SECONDS_PER_RUN=${BENCH_SECONDS:-10}
CONNS=${BENCH_CONNS:-50}

make_tmp jpm-cluster-bench
JPM="$REPO/bin/jpm" PM2=""

stop_tools() { # called by cleanup (lib.sh)
  log "cleaning up"
  timeout 60 "$JPM" kill >"$TMP/logs/cleanup.log" 2>&1
  [ -n "$PM2" ] && timeout 60 "$PM2" kill >>"$TMP/logs/cleanup.log" 2>&1
  sleep 0.5
  kill_leftovers "killing leftover process(es)"
}
install_cleanup

tree_ticks() { # a daemon and its direct children (the workers), in clock ticks (a gone process counts 0)
  local t=0 p
  for p in "$1" $(ps -o pid= --ppid "$1" 2>/dev/null); do t=$(( t + $(cpu_ticks "$p" || echo 0) )); done
  echo "$t"
}
# ---------------------------------------------------------------- setup

need_node "node and npm are needed"
apt_tool wrk
install_pm2
log "building jpm if needed"
check_jpm "jpm does not build or run"
snapshot_jpm   # run a copy of the built jars (as bench/run.sh does): a source edit cannot rebuild them under the daemon

cp "$REPO/examples/web.js" "$TMP/web.js"
cp "$REPO/examples/socket-web.js" "$TMP/socket-web.js"
JP=$(free_port) PP=$(free_port) SP=$(free_port)
while [ "$PP" = "$JP" ]; do PP=$(free_port); done
while [ "$SP" = "$JP" ] || [ "$SP" = "$PP" ]; do SP=$(free_port); done

cat >"$TMP/ready.js" <<'EOF'
// counts workers named argv[2] that are ready (jpm) or online (pm2) in the JSON list on stdin
let s = '';
process.stdin.on('data', d => s += d).on('end', () => {
  try {
    const a = JSON.parse(s.slice(s.indexOf('[')));
    console.log(a.filter(o => o.name === process.argv[2] && (o.ready === true
      || (o.pm2_env && o.pm2_env.status === 'online'))).length);
  } catch (e) { console.log(-1); }
});
EOF
web_ready() { # port tool-list-command... ; 2 ready workers named $APP (web) and the port answering
  local port=$1; shift
  [ "$("$@" 2>/dev/null | node "$TMP/ready.js" "${APP:-web}")" = 2 ] && curl -fs "http://127.0.0.1:$port/" >/dev/null
}
await_ready() { # port tool-list-command... ; waits up to 200 polls, 0.1 s apart, for web_ready
  wait_for 200 0.1 web_ready "$@" || die "web did not get 2 ready workers on port $1"
}

log "starting 2 workers behind each: jpm on $JP, PM2 on $PP"
"$JPM" start "$TMP/web.js" --name web -i 2 --cluster --port "$JP" >"$TMP/logs/jpm-start.log" 2>&1 \
  || die "jpm start failed: $(cat "$TMP/logs/jpm-start.log")"
cat >"$TMP/pm2.config.js" <<EOF
module.exports = { apps: [{ name: 'web', script: '$TMP/web.js', instances: 2, exec_mode: 'cluster',
                            env: { PORT: '$PP' } }] };
EOF
"$PM2" start "$TMP/pm2.config.js" >"$TMP/logs/pm2-start.log" 2>&1 || die "pm2 start failed"
log "starting 2 workers on jpm's socket on $SP"
"$JPM" start "$TMP/socket-web.js" --name sweb -i 2 --cluster --port "$SP" --listen-mode socket \
  >>"$TMP/logs/jpm-start.log" 2>&1 || die "jpm start --listen-mode socket failed: $(cat "$TMP/logs/jpm-start.log")"
await_ready "$JP" "$JPM" list --json
APP=sweb await_ready "$SP" "$JPM" list --json
await_ready "$PP" "$PM2" jlist
JDAEMON=$(cat "$JPM_HOME/daemon.pid") PDAEMON=$(cat "$PM2_HOME/pm2.pid")
DIRECT_PORT=$(free_port)
PORT=$DIRECT_PORT node "$TMP/web.js" >"$TMP/logs/direct.log" 2>&1 &
DIRECT_PID=$!
sleep 1

# ---------------------------------------------------------------- throughput and p99

LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
log "warming up (load average $LOAD0)"
wrk -t2 -c"$CONNS" -d2s "http://127.0.0.1:$JP/" >/dev/null 2>&1
wrk -t2 -c"$CONNS" -d2s "http://127.0.0.1:$PP/" >/dev/null 2>&1
wrk -t2 -c"$CONNS" -d2s "http://127.0.0.1:$SP/" >/dev/null 2>&1
: >"$TMP/jpm.tp"; : >"$TMP/pm2.tp"; : >"$TMP/sock.tp"; : >"$TMP/direct.tp"
for i in $(seq 1 "$RUNS"); do
  case $((i % 3)) in 1) order="jpm sock pm2" ;; 2) order="pm2 jpm sock" ;; *) order="sock pm2 jpm" ;; esac
  for side in $order; do
    case $side in jpm) port=$JP daemon=$JDAEMON ;; sock) port=$SP daemon=$JDAEMON ;; *) port=$PP daemon=$PDAEMON ;; esac
    t0=$(tree_ticks "$daemon") d0=$(cpu_ticks "$daemon")
    f=$(wrk -t2 -c"$CONNS" -d"${SECONDS_PER_RUN}s" --latency "http://127.0.0.1:$port/" 2>&1 | wrk_figures)
    t1=$(tree_ticks "$daemon") d1=$(cpu_ticks "$daemon")
    # CPU ms (manager and workers) per 1000 requests; a tick is 1/CLK_TCK s. The jpm daemon's tree holds the
    # workers of both jpm apps, but only the app under load works.
    cpu=$(awk -v t=$((t1 - t0)) -v hz="$(getconf CLK_TCK)" -v rps="${f%% *}" -v s="$SECONDS_PER_RUN" \
      'BEGIN { if (rps > 0) printf "%.2f", t * 1000 / hz / (rps * s / 1000) }')
    # the manager process alone, in percent of one core over the run
    mgr=$(awk -v t=$((d1 - d0)) -v hz="$(getconf CLK_TCK)" -v s="$SECONDS_PER_RUN" 'BEGIN { printf "%.1f", t * 100 / hz / s }')
    log "run $i $side: req/s p99_ms errors = $f; cpu ms per 1000 requests = $cpu; manager cpu % = $mgr"
    echo "$f $cpu $mgr" >>"$TMP/$side.tp"
  done
done
f=$(wrk -t2 -c"$CONNS" -d"${SECONDS_PER_RUN}s" --latency "http://127.0.0.1:$DIRECT_PORT/" 2>&1 | wrk_figures)
log "one node process directly: req/s p99_ms errors = $f"
echo "$f" >>"$TMP/direct.tp"
kill "$DIRECT_PID" 2>/dev/null

JRPS=$(cut -d' ' -f1 "$TMP/jpm.tp" | median) PRPS=$(cut -d' ' -f1 "$TMP/pm2.tp" | median)
JP99=$(cut -d' ' -f2 "$TMP/jpm.tp" | median) PP99=$(cut -d' ' -f2 "$TMP/pm2.tp" | median)
DRPS=$(cut -d' ' -f1 "$TMP/direct.tp" | median)
JCPU=$(cut -d' ' -f4 "$TMP/jpm.tp" | median) PCPU=$(cut -d' ' -f4 "$TMP/pm2.tp" | median)
SRPS=$(cut -d' ' -f1 "$TMP/sock.tp" | median) SP99=$(cut -d' ' -f2 "$TMP/sock.tp" | median)
SCPU=$(cut -d' ' -f4 "$TMP/sock.tp" | median)
JMGR=$(cut -d' ' -f5 "$TMP/jpm.tp" | median) SMGR=$(cut -d' ' -f5 "$TMP/sock.tp" | median)
PMGR=$(cut -d' ' -f5 "$TMP/pm2.tp" | median)

# ---------------------------------------------------------------- python: socket vs proxy mode

# The same single-threaded python http.server, 2 workers: examples/socket-web.py on jpm's socket, examples/web.py
# behind the balancer. PM2's cluster mode runs node only, so there is no PM2 side; one python process directly instead.
log "python: 2 workers in socket mode on $SP, 2 behind the balancer on $JP"
"$JPM" delete web >>"$TMP/logs/python.log" 2>&1
"$JPM" delete sweb >>"$TMP/logs/python.log" 2>&1
cp "$REPO/examples/web.py" "$REPO/examples/socket-web.py" "$TMP/"
"$JPM" start "$TMP/socket-web.py" --name sweb -i 2 --cluster --port "$SP" --listen-mode socket \
  >>"$TMP/logs/python.log" 2>&1 || die "jpm start socket-web.py failed: $(cat "$TMP/logs/python.log")"
"$JPM" start "$TMP/web.py" --name web -i 2 --cluster --port "$JP" >>"$TMP/logs/python.log" 2>&1 \
  || die "jpm start web.py failed: $(cat "$TMP/logs/python.log")"
APP=sweb await_ready "$SP" "$JPM" list --json
await_ready "$JP" "$JPM" list --json
PDIRECT_PORT=$(free_port)
PORT=$PDIRECT_PORT python3 "$TMP/web.py" >"$TMP/logs/direct-py.log" 2>&1 &
PDIRECT_PID=$!
sleep 1
: >"$TMP/pysock.tp"; : >"$TMP/pyproxy.tp"
for i in $(seq 1 "$RUNS"); do
  for side in pysock pyproxy; do
    [ "$side" = pysock ] && port=$SP || port=$JP
    t0=$(tree_ticks "$JDAEMON") d0=$(cpu_ticks "$JDAEMON")
    f=$(wrk -t2 -c"$CONNS" -d"${SECONDS_PER_RUN}s" --latency "http://127.0.0.1:$port/" 2>&1 | wrk_figures)
    t1=$(tree_ticks "$JDAEMON") d1=$(cpu_ticks "$JDAEMON")
    cpu=$(awk -v t=$((t1 - t0)) -v hz="$(getconf CLK_TCK)" -v rps="${f%% *}" -v s="$SECONDS_PER_RUN" \
      'BEGIN { if (rps > 0) printf "%.2f", t * 1000 / hz / (rps * s / 1000) }')
    mgr=$(awk -v t=$((d1 - d0)) -v hz="$(getconf CLK_TCK)" -v s="$SECONDS_PER_RUN" 'BEGIN { printf "%.1f", t * 100 / hz / s }')
    log "python run $i $side: req/s p99_ms errors = $f; cpu ms per 1000 requests = $cpu; manager cpu % = $mgr"
    echo "$f $cpu $mgr" >>"$TMP/$side.tp"
  done
done
f=$(wrk -t2 -c"$CONNS" -d"${SECONDS_PER_RUN}s" --latency "http://127.0.0.1:$PDIRECT_PORT/" 2>&1 | wrk_figures)
log "one python process directly: req/s p99_ms errors = $f"
PYDRPS=${f%% *}
kill "$PDIRECT_PID" 2>/dev/null
PYSRPS=$(cut -d' ' -f1 "$TMP/pysock.tp" | median) PYPRPS=$(cut -d' ' -f1 "$TMP/pyproxy.tp" | median)
PYSCPU=$(cut -d' ' -f4 "$TMP/pysock.tp" | median) PYPCPU=$(cut -d' ' -f4 "$TMP/pyproxy.tp" | median)
PYSMGR=$(cut -d' ' -f5 "$TMP/pysock.tp" | median) PYPMGR=$(cut -d' ' -f5 "$TMP/pyproxy.tp" | median)
PYSERR=$(cut -d' ' -f3 "$TMP/pysock.tp" | median) PYPERR=$(cut -d' ' -f3 "$TMP/pyproxy.tp" | median)
"$JPM" delete web >>"$TMP/logs/python.log" 2>&1
"$JPM" delete sweb >>"$TMP/logs/python.log" 2>&1
"$JPM" start "$TMP/web.js" --name web -i 2 --cluster --port "$JP" >>"$TMP/logs/jpm-start.log" 2>&1 \
  || die "jpm start web.js again failed"
"$JPM" start "$TMP/socket-web.js" --name sweb -i 2 --cluster --port "$SP" --listen-mode socket \
  >>"$TMP/logs/jpm-start.log" 2>&1 || die "jpm start socket-web.js again failed"
await_ready "$JP" "$JPM" list --json
APP=sweb await_ready "$SP" "$JPM" list --json

# ---------------------------------------------------------------- errors during two reloads

# wrk from 2 s before the first reload until 1 s after the second has finished; prints the error count. A jpm reload
# drains each old worker for up to drain_timeout (5 s), so it takes longer than PM2's: the load covers all of it.
reload_errors() { # port header reload-command...
  local port=$1 header=$2; shift 2
  local out="$TMP/wrk-reload.out"
  if [ -n "$header" ]; then
    wrk -t2 -c20 -d120s -H "$header" "http://127.0.0.1:$port/" >"$out" 2>&1 &
  else
    wrk -t2 -c20 -d120s "http://127.0.0.1:$port/" >"$out" 2>&1 &
  fi
  local w=$! t0=$EPOCHREALTIME
  sleep 2; "$@" >>"$TMP/logs/reload.log" 2>&1 || log "reload command failed: $*"
  sleep 1; "$@" >>"$TMP/logs/reload.log" 2>&1 || log "reload command failed: $*"
  sleep 1
  kill -INT "$w"; wait "$w"
  log "$* under load: $(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }') s of load;" \
      "$(grep -E "requests in|Socket errors|Non-2xx" "$out" | tr -s ' \n' ' ')"
  wrk_figures <"$out" | cut -d' ' -f3
}

log "Connection: close load, two reloads each"
JCLOSE=$(reload_errors "$JP" "Connection: close" "$JPM" reload web)
await_ready "$JP" "$JPM" list --json
SCLOSE=$(reload_errors "$SP" "Connection: close" "$JPM" reload sweb)
APP=sweb await_ready "$SP" "$JPM" list --json
PCLOSE=$(reload_errors "$PP" "Connection: close" "$PM2" reload web)
await_ready "$PP" "$PM2" jlist
log "close: jpm $JCLOSE errors, jpm socket mode $SCLOSE, PM2 $PCLOSE"
log "keep-alive load, two reloads each"
JKEEP=$(reload_errors "$JP" "" "$JPM" reload web)
await_ready "$JP" "$JPM" list --json
PKEEP=$(reload_errors "$PP" "" "$PM2" reload web)
log "keep-alive: jpm $JKEEP errors, PM2 $PKEEP"

# The same with a plain worker that does nothing special on SIGINT (node's default: exit at once).
log "keep-alive, plain worker without a SIGINT handler"
cat >"$TMP/plain.js" <<'EOF'
const body = `hello from ${process.env.JPM_INSTANCE ?? process.env.NODE_APP_INSTANCE}\n`;
require('http').createServer((req, res) => res.end(body)).listen(Number(process.env.PORT), '127.0.0.1');
EOF
"$JPM" delete web >>"$TMP/logs/reload.log" 2>&1
"$JPM" delete sweb >>"$TMP/logs/reload.log" 2>&1
"$PM2" delete web >>"$TMP/logs/reload.log" 2>&1
"$JPM" start "$TMP/plain.js" --name web -i 2 --cluster --port "$JP" >>"$TMP/logs/jpm-start.log" 2>&1 \
  || die "jpm start plain.js failed"
sed -i "s#$TMP/web.js#$TMP/plain.js#" "$TMP/pm2.config.js"
"$PM2" start "$TMP/pm2.config.js" >>"$TMP/logs/pm2-start.log" 2>&1 || die "pm2 start plain.js failed"
await_ready "$JP" "$JPM" list --json
await_ready "$PP" "$PM2" jlist
JPLAIN=$(reload_errors "$JP" "" "$JPM" reload web)
PPLAIN=$(reload_errors "$PP" "" "$PM2" reload web)
log "keep-alive, plain worker: jpm $JPLAIN errors, PM2 $PPLAIN"

# ---------------------------------------------------------------- report

echo "jpm $("$JPM" version 2>&1 | head -1) vs PM2 $PM2_VERSION, node $(node --version), $(nproc) cores; 2 node workers"
echo "(examples/web.js; examples/socket-web.js in socket mode) each side; one node process directly: $(fmt "$DRPS" 0) req/s."
echo "Load average (1, 5, 15 min) before the load: $LOAD0."
echo "Medians of $RUNS runs of"
echo "\`wrk -t2 -c$CONNS -d${SECONDS_PER_RUN}s --latency\`, alternated; reload rows: \`wrk -t2 -c20\` from 2 s before the first"
echo "of two reloads until 1 s after the second ends."
echo
echo "| figure | jpm | PM2 | ratio | target |"
echo "|---|---|---|---|---|"
echo "| throughput, socket mode, req/s | $(fmt "$SRPS" 0) | $(fmt "$PRPS" 0) | $(ratio "$SRPS" "$PRPS") | ≥ 1.0× |"
echo "| throughput, proxy mode, req/s | $(fmt "$JRPS" 0) | $(fmt "$PRPS" 0) | $(ratio "$JRPS" "$PRPS") | ≥ 0.9× |"
echo "| p99 latency, socket mode, ms | $(fmt "$SP99" 2) | $(fmt "$PP99" 2) | $(ratio "$SP99" "$PP99") | ≤ 1.5× |"
echo "| p99 latency, proxy mode, ms | $(fmt "$JP99" 2) | $(fmt "$PP99" 2) | $(ratio "$JP99" "$PP99") | ≤ 1.5× |"
echo "| manager CPU during the load, % of a core, socket mode | $(fmt "$SMGR" 1) | $(fmt "$PMGR" 1) | | ~0 |"
echo "| manager CPU during the load, % of a core, proxy mode | $(fmt "$JMGR" 1) | $(fmt "$PMGR" 1) | | — |"
echo "| failed requests, 2 reloads, \`Connection: close\`, socket mode | $SCLOSE | $PCLOSE | $(ratio "$SCLOSE" "$PCLOSE") | jpm 0 |"
echo "| failed requests, 2 reloads, \`Connection: close\` | $JCLOSE | $PCLOSE | $(ratio "$JCLOSE" "$PCLOSE") | jpm 0 |"
echo "| failed requests, 2 reloads, keep-alive | $JKEEP | $PKEEP | $(ratio "$JKEEP" "$PKEEP") | fewer than PM2 |"
echo "| the same, plain worker (no SIGINT handler) | $JPLAIN | $PPLAIN | $(ratio "$JPLAIN" "$PPLAIN") | fewer than PM2 |"
echo "| CPU per 1000 requests (manager + workers), ms, proxy mode | $(fmt "$JCPU" 1) | $(fmt "$PCPU" 1) | $(ratio "$JCPU" "$PCPU") | — |"
echo "| the same, socket mode | $(fmt "$SCPU" 1) | $(fmt "$PCPU" 1) | $(ratio "$SCPU" "$PCPU") | — |"
echo
echo "python (examples/socket-web.py in socket mode, examples/web.py behind the balancer; single-threaded http.server,"
echo "HTTP/1.0: a connection per request), 2 workers each; PM2 has no python cluster mode. One python process directly:"
echo "$(fmt "$PYDRPS" 0) req/s; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
echo
echo "| figure | socket mode | proxy mode | ratio (socket/proxy) |"
echo "|---|---|---|---|"
echo "| throughput, req/s | $(fmt "$PYSRPS" 0) | $(fmt "$PYPRPS" 0) | $(ratio "$PYSRPS" "$PYPRPS") |"
echo "| CPU per 1000 requests (manager + workers), ms | $(fmt "$PYSCPU" 1) | $(fmt "$PYPCPU" 1) | $(ratio "$PYSCPU" "$PYPCPU") |"
echo "| manager CPU during the load, % of a core | $(fmt "$PYSMGR" 1) | $(fmt "$PYPMGR" 1) | |"
echo "| socket errors + non-2xx | $(fmt "$PYSERR" 0) | $(fmt "$PYPERR" 0) | |"
