#!/usr/bin/env bash
# Probes bench: what health probes cost the jpm daemon. 200 `sleep` workers, each with an HTTP liveness probe every
# second against one shared python HTTP server (so the cost measured is the daemon's, not 200 servers'), against the
# same 200 workers without probes, in one run. PM2 has no probes, so there is no PM2 column.
# Self-contained and non-interactive; everything it starts lives under one temp dir and is stopped on exit.
set -u -o pipefail

LOG_TAG=probes
source "$(dirname "$0")/lib.sh"   # BENCH_DIR, REPO and the shared helpers
N=${BENCH_WORKERS:-200}
CPU_S=${BENCH_CPU_SECONDS:-30}
SETTLE_S=${BENCH_SETTLE_SECONDS:-5}

make_tmp jpm-probes-bench
mkdir -p "$TMP/bin"
chmod 700 "$JPM_HOME"
JPM="$REPO/bin/jpm"

stop_tools() { # called by cleanup (lib.sh)
  alive "$(cat "$JPM_HOME/daemon.pid" 2>/dev/null)" && timeout 60 "$JPM" kill >/dev/null 2>&1
  kill_leftovers "killing leftover process(es):" 1
}
install_cleanup

cpu_over() { local a b; a=$(cpu_ticks "$1"); sleep "$2"; b=$(cpu_ticks "$1"); ticks_pct $((b - a)) "$2" 2; }
online() {
  "$JPM" list --json 2>/dev/null | python3 -c 'import json,sys; a=json.load(sys.stdin)
print(sum(1 for w in a if w["name"]=="s" and w["status"]=="online"))' 2>/dev/null || echo -1
}
wait_online() { local deadline=$(( SECONDS + 180 )); while [ $SECONDS -lt $deadline ]; do
  [ "$(online)" -ge "$N" ] && return 0; sleep 0.5; done; die "$N workers not online after 180 s"; }
healthy() {
  "$JPM" list --json 2>/dev/null | python3 -c 'import json,sys; a=json.load(sys.stdin)
print(sum(1 for w in a if w["name"]=="s" and w.get("health")=="healthy"))' 2>/dev/null || echo -1
}

log "building jpm if needed"
check_jpm "jpm does not build"
cp "$(command -v sleep)" "$TMP/bin/sleep"
export PATH="$TMP/bin:$PATH"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat >"$TMP/target.py" <<'PY'
import http.server, os
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"
    def do_GET(self):
        self.send_response(200); self.send_header("Content-Length", "0"); self.end_headers()
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), H).serve_forever()
PY
"$JPM" start "$TMP/target.py" --name target --port "$PORT" >"$TMP/logs/target.log" 2>&1 || die "target failed"

declare -A R
RAW=()
run() { # label, extra app keys -> R[label]
  cat >"$TMP/eco.json" <<JSON
{"apps": [{"name": "s", "script": "$TMP/bin/sleep", "args": ["3600"], "instances": $N $2}]}
JSON
  "$JPM" start "$TMP/eco.json" >"$TMP/logs/start-$1.log" 2>&1 || die "jpm start failed ($1)"
  wait_online
  JPID=$(cat "$JPM_HOME/daemon.pid")
  if [ -n "$2" ]; then
    local deadline=$(( SECONDS + 60 ))
    while [ "$(healthy)" -lt "$N" ] && [ $SECONDS -lt $deadline ]; do sleep 1; done
    raw "$1: $(healthy) of $N workers healthy before the window"
  fi
  sleep "$SETTLE_S"
  R[$1]=$(cpu_over "$JPID" "$CPU_S")
  raw "$1: daemon CPU over ${CPU_S}s: ${R[$1]} % of one core"
  "$JPM" delete s >/dev/null 2>&1
}
log "jpm: $N workers, no probe"
run none ""
log "jpm: $N workers, an HTTP liveness probe each every second"
run http ", \"liveness_probe\": {\"http_get\": {\"path\": \"/\", \"port\": $PORT}, \"period_seconds\": 1}"
log "jpm: $N workers, a TCP readiness probe each every second"
run tcp ", \"readiness_probe\": {\"tcp_socket\": {\"port\": $PORT}, \"period_seconds\": 1}"

print_raw
echo "## Probes: jpm daemon CPU ($(date -u +%F), $(nproc) cpu(s), $N sleep workers, ${CPU_S} s windows)"
echo
echo "| figure | daemon CPU, % of one core |"
echo "|---|---|"
echo "| no probe | ${R[none]} % |"
echo "| an HTTP GET liveness probe per worker every second ($N checks/s) | ${R[http]} % |"
echo "| a TCP connect readiness probe per worker every second ($N checks/s) | ${R[tcp]} % |"
