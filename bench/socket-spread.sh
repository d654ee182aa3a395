#!/usr/bin/env bash
# How evenly connections spread over 2 node workers: jpm's socket mode (one shared socket, fd 3), the same workers on
# one SO_REUSEPORT socket each (a launcher in this script, not jpm), and PM2's cluster mode (round robin in its
# primary). Each run opens wrk's 50 keep-alive connections at once and counts, halfway through, how many each worker
# holds. Prints raw lines on stderr and a markdown table on stdout. See bench/README.md.
set -u -o pipefail

LOG_TAG=socket-spread
source "$(dirname "$0")/lib.sh"
RUNS=${BENCH_RUNS:-5}
SECONDS_PER_RUN=${BENCH_SECONDS:-6}
CONNS=${BENCH_CONNS:-50}

make_tmp jpm-socket-spread
JPM="$REPO/bin/jpm" PM2="" GROUP=""
stop_tools() { # called by cleanup (lib.sh)
  [ -n "$GROUP" ] && kill "$GROUP" 2>/dev/null
  timeout 60 "$JPM" kill >"$TMP/logs/cleanup.log" 2>&1
  [ -n "$PM2" ] && timeout 60 "$PM2" kill >>"$TMP/logs/cleanup.log" 2>&1
  sleep 0.5
  kill_leftovers "killing leftover process(es)"
}
install_cleanup

need_node "node and npm are needed"
apt_tool wrk
install_pm2
check_jpm "jpm does not build or run"
snapshot_jpm
cp "$REPO/examples/web.js" "$REPO/examples/socket-web.js" "$TMP/"
JP=$(free_port) RP=$(free_port) PP=$(free_port)

cat >"$TMP/group.py" <<'EOF'
# group.py PORT SCRIPT: one SO_REUSEPORT listening socket per worker, each worker started with its socket as fd 3
import os, signal, socket, subprocess, sys
port, script = int(sys.argv[1]), sys.argv[2]
procs = []
def stop(*_):
    for p in procs: p.kill()
    sys.exit(0)
signal.signal(signal.SIGTERM, stop)
for i in range(2):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    s.bind(("127.0.0.1", port)); s.listen(4096)
    procs.append(subprocess.Popen(["sh", "-c", f"exec node {script} 3<&{s.fileno()}"], pass_fds=(s.fileno(),),
                                  env=dict(os.environ, JPM_INSTANCE=str(i)), stdout=subprocess.DEVNULL))
signal.pause()
EOF
cat >"$TMP/pm2.config.js" <<EOF
module.exports = { apps: [{ name: 'web', script: '$TMP/web.js', instances: 2, exec_mode: 'cluster',
                            env: { PORT: '$PP' } }] };
EOF
"$JPM" start "$TMP/socket-web.js" --name sweb -i 2 --cluster --port "$JP" --listen-mode socket \
  >"$TMP/logs/jpm-start.log" 2>&1 || die "jpm start failed: $(cat "$TMP/logs/jpm-start.log")"
python3 "$TMP/group.py" "$RP" "$TMP/socket-web.js" >"$TMP/logs/group.log" 2>&1 &
GROUP=$!
"$PM2" start "$TMP/pm2.config.js" >"$TMP/logs/pm2-start.log" 2>&1 || die "pm2 start failed"
answers() { curl -fs "http://127.0.0.1:$1/" >/dev/null; }
for p in "$JP" "$RP" "$PP"; do wait_for 200 0.1 answers "$p" || die "nothing answers on port $p"; done
sleep 2

split() { # port: established connections per serving process, e.g. "26/24" (largest first)
  ss -Htnp state established "( sport = :$1 )" 2>/dev/null | grep -o 'pid=[0-9]*' | sort | uniq -c \
    | awk '{ print $1 }' | sort -rn | paste -sd/
}
log "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for side in jpm group pm2; do : >"$TMP/$side.tp"; : >"$TMP/$side.split"; done
for i in $(seq 1 "$RUNS"); do
  for side in jpm group pm2; do
    case $side in jpm) port=$JP ;; group) port=$RP ;; *) port=$PP ;; esac
    wrk -t2 -c"$CONNS" -d"${SECONDS_PER_RUN}s" --latency "http://127.0.0.1:$port/" >"$TMP/wrk.out" 2>&1 &
    w=$!
    sleep "$(awk -v s="$SECONDS_PER_RUN" 'BEGIN { print s / 2 }')"
    sp=$(split "$port")
    wait "$w"
    f=$(wrk_figures <"$TMP/wrk.out")
    log "run $i $side: connections per worker $sp; req/s p99_ms errors = $f"
    echo "$f" >>"$TMP/$side.tp"
    echo "$sp" >>"$TMP/$side.split"
  done
done

echo "2 node workers (examples/socket-web.js on fd 3; PM2: examples/web.js), $RUNS runs of"
echo "\`wrk -t2 -c$CONNS -d${SECONDS_PER_RUN}s --latency\`, alternated; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
echo
echo "| side | connections per worker, each run | req/s (median) | p99 ms (median) |"
echo "|---|---|---|---|"
for side in jpm group pm2; do
  case $side in jpm) name="jpm socket mode (one shared socket)" ;; group) name="one SO_REUSEPORT socket per worker" ;;
    *) name="PM2 cluster (round robin)" ;; esac
  echo "| $name | $(paste -sd' ' "$TMP/$side.split") | $(cut -d' ' -f1 "$TMP/$side.tp" | median %.0f) |" \
    "$(cut -d' ' -f2 "$TMP/$side.tp" | median %.2f) |"
done
