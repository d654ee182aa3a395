#!/usr/bin/env bash
# jpm-top vs pm2 monit, side by side, in one run: CPU and RSS of the console, and jpm-top's key-to-screen latency.
# jpm-top watches 200 workers and a logger flooding 10,000 lines/s; pm2 monit watches the same 200 workers and flood
# under PM2, and both watch 5 idle apps for a like-for-like figure. Then jpm-top --hosts all watches $BENCH_HOSTS
# daemons (own JPM_HOMEs, remote access on loopback, CURVE) with the same 200 workers and flood each, against the
# goal of at most 1.5x the one-host CPU. Both consoles run in tmux at 200x60.
# CPU is the console's own CPU time (utime+stime from /proc/PID/stat) over a window, as a % of one core: the median
# of $BENCH_CPU_WINDOWS windows of $BENCH_CPU_SECONDS s each for the flood figures, one window for the idle ones. On a
# shared machine that is what the console costs, whatever else runs; the load average is printed with the figures.
# Self-contained and non-interactive; everything it starts lives under one temp dir and is stopped when it exits.
set -u -o pipefail

LOG_TAG=top-bench
source "$(dirname "$0")/lib.sh"   # BENCH_DIR, REPO, PM2_VERSION and the shared helpers
N=${BENCH_WORKERS:-200}
RATE=${BENCH_LOG_RATE:-10000}      # log lines per second from the flood app
WINDOW_S=${BENCH_CPU_SECONDS:-30}  # CPU window
WINDOWS=${BENCH_CPU_WINDOWS:-3}    # windows per flood figure (median)
SETTLE_S=${BENCH_SETTLE_SECONDS:-15}
KEYS=${BENCH_KEYS:-20}             # key-latency samples
COLS=200 ROWS=60
HOSTS=${BENCH_HOSTS:-3}            # daemons for the jpm-top --hosts figure

command -v tmux >/dev/null || die "tmux is needed"
need_node "node and npm are needed (PM2 and the flood app)"

make_tmp jpm-top-bench
mkdir -p "$TMP/bin"
SOCK="jpm-top-bench-$$"
JPM="$REPO/bin/jpm" PM2=""

stop_tools() { # called by cleanup (lib.sh)
  log "cleaning up"
  tmux -L "$SOCK" kill-server 2>/dev/null
  [ -f "$JPM_HOME/daemon.pid" ] && timeout 60 "$JPM" kill >/dev/null 2>&1
  for h in "$TMP"/host*; do
    [ -f "$h/daemon.pid" ] && JPM_HOME=$h timeout 60 "$JPM" kill >/dev/null 2>&1
  done
  [ -n "$PM2" ] && [ -f "$PM2_HOME/pm2.pid" ] && timeout 60 "$PM2" kill >/dev/null 2>&1
  sleep 0.5
  kill_leftovers count
}
install_cleanup

HZ=$(getconf CLK_TCK)
# Not lib.sh's ratio: n/a only when b is not above 0, and an empty a counts as 0 (kept as this bench always had it).
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
now_ms() { local t=$EPOCHREALTIME; t=${t/./}; echo $(( t / 1000 )); }

# A console in its own tmux window: new_console NAME COMMAND...; prints the pane's pid (the console itself: exec'd).
new_console() {
  local name=$1; shift
  tmux -L "$SOCK" new-session -d -s "$name" -x $COLS -y $ROWS "$@" || die "tmux new-session $name failed"
  tmux -L "$SOCK" display-message -p -t "$name" '#{pane_pid}'
}

# measure PID LABEL [WINDOWS]: the % of one core PID used, median of WINDOWS windows of WINDOW_S (default 1), then
# its RSS (MB) at the end and the largest RSS seen (sampled each 5 s); each window's figure is logged.
measure() {
  local pid=$1 label=$2 n=${3:-1} t0 t1 rss_max=0 r k cpus=()
  for k in $(seq 1 "$n"); do
    t0=$(cpu_ticks "$pid") || die "$label: pid $pid is gone"
    for _ in $(seq 1 $((WINDOW_S / 5))); do
      sleep 5
      r=$(rss_kb "$pid"); [ -n "$r" ] && [ "$r" -gt "$rss_max" ] && rss_max=$r
    done
    t1=$(cpu_ticks "$pid") || die "$label: pid $pid died during the window"
    cpus+=("$(awk -v d=$((t1 - t0)) -v hz="$HZ" -v w="$WINDOW_S" 'BEGIN { printf "%.2f", 100 * d / hz / w }')")
    log "$label: window $k: ${cpus[-1]} % of a core ($((t1 - t0)) ticks in $WINDOW_S s), load $(cut -d' ' -f1 /proc/loadavg)"
  done
  awk -v c="$(printf '%s\n' "${cpus[@]}" | median %.2f)" -v r="$(rss_kb "$pid")" -v m="$rss_max" \
    'BEGIN { printf "%s %.1f %.1f\n", c, r / 1024, m / 1024 }'
}
LOADS=()
load_now() { LOADS+=("$(cut -d' ' -f1 /proc/loadavg)"); }

# Key-to-screen latency: press o (the sort column in the title row changes), poll capture-pane until it did.
key_latency() {
  local name=$1 before after t0 i samples=()
  for i in $(seq 1 "$KEYS"); do
    before=$(tmux -L "$SOCK" capture-pane -p -t "$name" -S 0 -E 0)
    t0=$EPOCHREALTIME
    tmux -L "$SOCK" send-keys -t "$name" o
    while :; do
      after=$(tmux -L "$SOCK" capture-pane -p -t "$name" -S 0 -E 0)
      [ "$after" != "$before" ] && break
      awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { exit !(b - a > 5) }' && { log "key $i: no change in 5 s"; break; }
    done
    samples+=("$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", (b - a) * 1000 }')")
    sleep 0.2
  done
  echo "${samples[*]}"
}

# ---------------------------------------------------------------- setup

install_pm2
log "building jpm if needed"
check_jpm "jpm does not build"
cp "$(command -v sleep)" "$TMP/bin/sleep"

cat >"$TMP/flood.js" <<JS
// Writes $RATE lines a second to stdout, paced by the clock so that timer slack does not lower the rate.
const rate = $RATE, start = Date.now();
let n = 0;
setInterval(() => {
  const due = Math.floor((Date.now() - start) * rate / 1000);
  let s = '';
  for (; n < due; n++) s += 'flood line ' + n + ' lorem ipsum dolor sit amet, consectetur adipiscing elit\n';
  if (s) process.stdout.write(s);
}, 10);
JS

TOP_ENV=(env "JPM_HOME=$JPM_HOME" LANG=C.UTF-8 TERM=xterm-256color)

# ---------------------------------------------------------------- jpm-top, 5 idle apps (like for like)

log "jpm: 5 idle apps, jpm-top"
for k in 1 2 3 4 5; do "$JPM" start "$TMP/bin/sleep" --name "idle$k" -- 3600 >/dev/null || die "jpm start idle$k"; done
pid=$(new_console jidle "${TOP_ENV[@]}" "$REPO/bin/jpm-top")
sleep "$SETTLE_S"
read -r J5_CPU J5_RSS J5_RSSMAX < <(measure "$pid" "jpm-top (5 idle)")
log "jpm-top, 5 idle apps: cpu $J5_CPU %, rss $J5_RSS MB"
tmux -L "$SOCK" send-keys -t jidle q
"$JPM" delete all >/dev/null

# ---------------------------------------------------------------- jpm-top, 200 workers + flood

log "jpm: $N sleep workers and a $RATE lines/s flood"
"$JPM" start "$TMP/bin/sleep" --name s -i "$N" -- 3600 >/dev/null || die "jpm start $N"
"$JPM" start "$TMP/flood.js" --name flood >/dev/null || die "jpm start flood"
pid=$(new_console jtop "${TOP_ENV[@]}" "$REPO/bin/jpm-top")
sleep "$SETTLE_S"
# the flood numbers its lines: the newest number in the log file, before and after the window, gives the rate
last_flood() { tail -c 4096 "$JPM_HOME"/logs/flood-out*.log 2>/dev/null | grep -o 'flood line [0-9]*' | tail -1 | grep -o '[0-9]*$'; }
l0=$(last_flood)
load_now
read -r JF_CPU JF_RSS JF_RSSMAX < <(measure "$pid" "jpm-top (flood)" "$WINDOWS")
load_now
l1=$(last_flood)
DELIVERED=$(( (${l1:-0} - ${l0:-0}) / (WINDOW_S * WINDOWS) ))
log "jpm-top, $N workers + flood: cpu $JF_CPU %, rss $JF_RSS MB (max $JF_RSSMAX), flood delivered $DELIVERED lines/s"
tmux -L "$SOCK" capture-pane -p -t jtop >"$TMP/logs/jtop-screen.txt"
log "key latency under the flood ($KEYS presses)"
LAT=$(key_latency jtop)
LAT_MED=$(tr ' ' '\n' <<<"$LAT" | median %.1f)
read -r JF2_RSS < <(awk '/^VmRSS:/ { printf "%.1f\n", $2 / 1024 }' "/proc/$pid/status")
log "key-to-screen median $LAT_MED ms; rss after the key test $JF2_RSS MB"
tmux -L "$SOCK" send-keys -t jtop q
"$JPM" kill >/dev/null

# ---------------------------------------------------------------- jpm-top --hosts all, HOSTS x (N workers + flood)

log "jpm: $HOSTS daemons on loopback, each $N sleep workers and a $RATE lines/s flood"
CONSOLE_KEY=$("$JPM" keys show) || die "jpm keys show"
BASE_PORT=$(( 20000 + ($$ % 2000) * 10 ))
for k in $(seq 1 "$HOSTS"); do
  H="$TMP/host$k" PORT=$(( BASE_PORT + 2 * k ))
  JPM_HOME=$H "$JPM" remote enable --listen "127.0.0.1:$PORT" >/dev/null || die "host$k: jpm remote enable"
  JPM_HOME=$H "$JPM" keys add console "$CONSOLE_KEY" >/dev/null || die "host$k: jpm keys add"
  JPM_HOME=$H "$JPM" start "$TMP/bin/sleep" --name s -i "$N" -- 3600 >/dev/null || die "host$k: jpm start $N"
  JPM_HOME=$H "$JPM" start "$TMP/flood.js" --name flood >/dev/null || die "host$k: jpm start flood"
  SERVER_KEY=$(JPM_HOME=$H "$JPM" remote status | sed -n 's/^ *server key //p')
  "$JPM" hosts add "host$k" "tcp://127.0.0.1:$PORT" "$SERVER_KEY" >/dev/null || die "jpm hosts add host$k"
done
pid=$(new_console jfleet "${TOP_ENV[@]}" "$REPO/bin/jpm-top" --hosts all)
sleep "$SETTLE_S"
load_now
read -r JH_CPU JH_RSS JH_RSSMAX < <(measure "$pid" "jpm-top --hosts all" "$WINDOWS")
load_now
tmux -L "$SOCK" capture-pane -p -t jfleet >"$TMP/logs/jfleet-screen.txt"
grep -q "$HOSTS/$HOSTS hosts" "$TMP/logs/jfleet-screen.txt" || log "warning: jpm-top --hosts did not show every host connected"
log "jpm-top --hosts all, $HOSTS x ($N workers + flood): cpu $JH_CPU %, rss $JH_RSS MB (max $JH_RSSMAX)"
tmux -L "$SOCK" send-keys -t jfleet q
for k in $(seq 1 "$HOSTS"); do JPM_HOME="$TMP/host$k" "$JPM" kill >/dev/null; done

# ---------------------------------------------------------------- pm2 monit, 5 idle apps

log "pm2: 5 idle apps, pm2 monit"
"$PM2" ping >/dev/null 2>&1
for k in 1 2 3 4 5; do "$PM2" start "$TMP/bin/sleep" --name "idle$k" -f -- 3600 >/dev/null 2>&1 || die "pm2 start idle$k"; done
pid=$(new_console pmonit env "PM2_HOME=$PM2_HOME" TERM=xterm-256color "$PM2" monit)
sleep "$SETTLE_S"
read -r P_CPU P_RSS P_RSSMAX < <(measure "$pid" "pm2 monit")
log "pm2 monit, 5 idle apps: cpu $P_CPU %, rss $P_RSS MB"
tmux -L "$SOCK" capture-pane -p -t pmonit >"$TMP/logs/pmonit-screen.txt"
grep -q . "$TMP/logs/pmonit-screen.txt" || log "warning: pm2 monit drew nothing"
tmux -L "$SOCK" kill-session -t pmonit
"$PM2" delete all >/dev/null 2>&1

# ---------------------------------------------------------------- pm2 monit, 200 workers + flood

log "pm2: $N sleep workers and a $RATE lines/s flood, pm2 monit"
"$PM2" start "$TMP/bin/sleep" --name s -i "$N" -f -- 3600 >/dev/null 2>&1 || die "pm2 start $N"
"$PM2" start "$TMP/flood.js" --name flood -f >/dev/null 2>&1 || die "pm2 start flood"
pid=$(new_console pflood env "PM2_HOME=$PM2_HOME" TERM=xterm-256color "$PM2" monit)
sleep "$SETTLE_S"
load_now
read -r PF_CPU PF_RSS PF_RSSMAX < <(measure "$pid" "pm2 monit (flood)" "$WINDOWS")
load_now
log "pm2 monit, $N workers + flood: cpu $PF_CPU %, rss $PF_RSS MB"
tmux -L "$SOCK" capture-pane -p -t pflood >"$TMP/logs/pflood-screen.txt"

# ---------------------------------------------------------------- report

cat <<MD

## jpm-top vs pm2 monit ($(date -u +%F), $(nproc) cores, pm2@$PM2_VERSION, tmux ${COLS}x${ROWS}, ${WINDOW_S} s windows)

raw: key latencies (ms): $LAT
raw: flood delivered to the log files: $DELIVERED lines/s (target $RATE)
raw: load average (1 min) at the start and end of each flood figure: ${LOADS[*]}

| figure | jpm-top | pm2 monit | ratio | target |
|---|---|---|---|---|
| CPU, $N workers + $RATE lines/s (median of $WINDOWS) | $JF_CPU % | $PF_CPU % | $(ratio "$JF_CPU" "$PF_CPU") | ≤ 4 % |
| CPU, $HOSTS hosts x ($N workers + $RATE lines/s), jpm-top --hosts all (median of $WINDOWS) | $JH_CPU % | — | $(ratio "$JH_CPU" "$JF_CPU") of one host | ≤ 1.5× one host |
| CPU, 5 idle apps | $J5_CPU % | $P_CPU % | $(ratio "$J5_CPU" "$P_CPU") | — |
| RSS, $N workers + flood (end of window / max) | $JF_RSS / $JF_RSSMAX MB | $PF_RSS / $PF_RSSMAX MB | $(ratio "$JF_RSS" "$PF_RSS") | bounded |
| RSS, $HOSTS hosts (end of window / max) | $JH_RSS / $JH_RSSMAX MB | — | — | bounded |
| RSS, 5 idle apps | $J5_RSS MB | $P_RSS MB | $(ratio "$J5_RSS" "$P_RSS") | — |
| key-to-screen latency under the flood, median of $KEYS | $LAT_MED ms | — | — | ≤ 50 ms |
MD
