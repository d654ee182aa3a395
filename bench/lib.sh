# Shared helpers of the bench scripts (run.sh, cluster.sh, log-flood.sh, metrics.sh, top.sh).
# Sourced, never run: `source "$(dirname "$0")/lib.sh"`. Set LOG_TAG (the log prefix) before sourcing; a script that
# calls install_cleanup wants a stop_tools function (what to stop before the temp dir goes).

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)   # this directory
REPO=$(cd "$BENCH_DIR/.." && pwd)                          # the jpm checkout
PM2_VERSION=${PM2_VERSION:-7.0.4}                          # the PM2 every bench compares against

# ---------------------------------------------------------------- logging

log() { printf '[%s %s] %s\n' "${LOG_TAG:-bench}" "$(date +%T)" "$*" >&2; }   # timestamped line on stderr
die() { log "FATAL: $*"; exit 1; }                                             # log, then exit 1

# ---------------------------------------------------------------- temp dir, processes, cleanup

# make_tmp NAME: creates /tmp/NAME.XXXXXX as $TMP with JPM_HOME, PM2_HOME (both exported) and logs/ in it
make_tmp() {
  TMP=$(mktemp -d "/tmp/$1.XXXXXX") || exit 1
  export JPM_HOME="$TMP/jpm-home" PM2_HOME="$TMP/pm2-home"
  mkdir -p "$JPM_HOME" "$PM2_HOME" "$TMP/logs"
}

alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }   # is pid $1 (non-empty) a live process
gone() { ! alive "${1:-}"; }                                # the opposite, for wait_for

# Pids of every process whose binary or command line is under $TMP (our daemons, workers, copies), one a line.
our_pids() {
  local d pid exe cmd
  for d in /proc/[0-9]*; do
    pid=${d#/proc/}
    [ "$pid" = "$$" ] && continue
    exe=$(readlink "$d/exe" 2>/dev/null)
    cmd=$(tr '\0' ' ' 2>/dev/null <"$d/cmdline")
    case "$exe $cmd" in *"$TMP"*) echo "$pid" ;; esac
  done
}

# kill_leftovers count | PREFIX [1]: kill -9 what our_pids finds; the log line is "killing <n> leftover process(es)
# under $TMP" for count, else PREFIX then the pids (one a line as found, or on one line when $2 is 1)
kill_leftovers() {
  local left
  left=$(our_pids)
  [ -n "$left" ] || return 0
  if [ "$1" = count ]; then log "killing $(echo "$left" | wc -w) leftover process(es) under $TMP"
  elif [ "${2:-0}" = 1 ]; then log "$1 $(echo $left)"
  else log "$1 $left"; fi
  kill -9 $left 2>/dev/null
}

# EXIT trap: stop_tools (the script's own), then remove $TMP and exit with the status the script had
cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  set +e
  stop_tools
  rm -rf "$TMP"
  exit "$rc"
}

# cleanup on exit, and an exit status of 128+signal on INT, TERM and HUP
install_cleanup() {
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  trap 'exit 129' HUP
}

# wait_for TRIES SECONDS COMMAND...: runs COMMAND up to TRIES times, SECONDS apart, until it succeeds; 1 if it never did
wait_for() {
  local tries=$1 pause=$2 i
  shift 2
  for ((i = 0; i < tries; i++)); do
    "$@" && return 0
    sleep "$pause"
  done
  return 1
}

# stop_jpm_and_pm2: for a script that runs both tools on $JPM_HOME and $PM2_HOME: `kill` each daemon that is alive,
# wait up to 5 s for it to go (then SIGKILL), and end whatever of ours is left
stop_jpm_and_pm2() {
  local jp pp p
  jp=$(cat "$JPM_HOME/daemon.pid" 2>/dev/null)
  pp=$(cat "$PM2_HOME/pm2.pid" 2>/dev/null)
  if [ -n "$JPM" ] && alive "$jp"; then timeout 60 "$JPM" kill >/dev/null 2>&1; fi
  if [ -n "$PM2" ] && alive "$pp"; then timeout 60 "$PM2" kill >/dev/null 2>&1; fi
  for p in $jp $pp; do
    wait_for 50 0.1 gone "$p"
    alive "$p" && kill -9 "$p"
  done
  kill_leftovers count
}

# ---------------------------------------------------------------- tools

need_node() { command -v node >/dev/null && command -v npm >/dev/null || die "$1"; }   # die with $1 without node+npm

# install_pm2 [failure text]: npm installs pm2@$PM2_VERSION under $TMP/pm2 and sets PM2 to its binary
install_pm2() {
  log "installing pm2@$PM2_VERSION into $TMP/pm2"
  npm install --prefix "$TMP/pm2" --no-audit --no-fund "pm2@$PM2_VERSION" >"$TMP/logs/npm.log" 2>&1 \
    || { tail -20 "$TMP/logs/npm.log" >&2; die "${1:-npm install pm2@$PM2_VERSION failed}"; }
  PM2="$TMP/pm2/node_modules/.bin/pm2"
}

# apt_tool NAME: installs the apt package NAME (the command of that name) with apt-get when it is not on PATH
apt_tool() {
  command -v "$1" >/dev/null 2>&1 && return 0
  local SUDO=""
  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && SUDO="sudo -n"
  log "installing $1 with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get install -y "$1" >"$TMP/logs/apt.log" 2>&1 \
    || { $SUDO apt-get update >>"$TMP/logs/apt.log" 2>&1 && $SUDO apt-get install -y "$1" >>"$TMP/logs/apt.log" 2>&1; } \
    || { tail -20 "$TMP/logs/apt.log" >&2; die "could not install $1"; }
}

# check_jpm FAILURE-TEXT: `bin/jpm version` (which builds the jars if needed), or die showing the build output
check_jpm() {
  "$REPO/bin/jpm" version >"$TMP/logs/build.log" 2>&1 || { cat "$TMP/logs/build.log" >&2; die "$1"; }
}

# Copies the built jars to $TMP/jpm-snap ($SNAP) and points JPM at it, so a source edit in the work tree during the
# run cannot rebuild the jars under the running daemon.
snapshot_jpm() {
  local pom m f
  SNAP="$TMP/jpm-snap"
  mkdir -p "$SNAP"
  cp -a "$REPO/bin" "$REPO/pom.xml" "$SNAP/"
  for pom in "$REPO"/*/pom.xml; do
    m=$(basename "$(dirname "$pom")")
    mkdir -p "$SNAP/$m/target"
    cp -a "$pom" "$SNAP/$m/"
    [ -d "$REPO/$m/target" ] || continue
    for f in "$REPO/$m/target"/*.jar "$REPO/$m/target"/*.jsa "$REPO/$m/target/lib" "$REPO/$m/target/.jpm-built"; do
      [ -e "$f" ] && cp -a "$f" "$SNAP/$m/target/"
    done
  done
  touch "$SNAP/tui/target/.jpm-built"
  JPM="$SNAP/bin/jpm"
}

# ---------------------------------------------------------------- time, /proc

now_us() { local t=$EPOCHREALTIME; echo "${t/./}"; }          # wall clock in microseconds
ms_since() { echo $(( ($(now_us) - $1) / 1000 )); }          # integer ms since a now_us stamp

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null; }   # resident set of pid $1 in kB

# stat_ticks FILE: utime+stime in a /proc stat file (comm may hold spaces: parse after the last ')'); 1 if unreadable
stat_ticks() {
  local s
  s=$(cat "$1" 2>/dev/null) || return 1
  s=${s##*) }
  set -- $s
  echo $(( ${12} + ${13} ))
}
cpu_ticks() { stat_ticks "/proc/$1/stat"; }   # utime+stime of pid $1 in clock ticks; nothing and 1 when it is gone

# ticks_pct TICKS SECONDS DECIMALS: TICKS of CPU over SECONDS as a % of one core
ticks_pct() {
  awk -v d="$1" -v hz="$(getconf CLK_TCK)" -v s="$2" -v f="%.${3}f" 'BEGIN { printf f, d / hz / s * 100 }'
}

# ---------------------------------------------------------------- figures

# median [FORMAT]: median of the numbers on stdin, one a line, printed with FORMAT (printf, default %.3f), or as awk
# prints it for "raw" (the middle value as written); nothing when there is none
median() {
  sort -g | awk -v f="${1:-%.3f}" '{ v[NR] = $1 } END { if (NR == 0) exit;
    if (f == "raw") { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }
    else if (NR % 2) printf f "\n", v[(NR + 1) / 2]; else printf f "\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

fmt() { # number [decimals] -> formatted (1 decimal by default), or "error" when empty
  if [ -z "${1:-}" ]; then echo "error"; else awk -v x="$1" -v d="${2:-1}" 'BEGIN { printf "%.*f", d, x }'; fi
}

ratio() { # a b -> a/b with 2 decimals, or n/a when either is empty or b is 0
  if [ -z "${1:-}" ] || [ -z "${2:-}" ]; then echo "n/a"; return; fi
  awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'
}

raw() { RAW+=("$*"); log "$*"; }   # keep a line for the report's raw numbers (in RAW), and log it

print_raw() { # the "## Raw numbers" section: the lines raw kept, as a list
  echo
  echo "## Raw numbers"
  echo
  printf -- '- %s\n' "${RAW[@]}"
  echo
}

# free TCP port on 127.0.0.1, as node sees it (the wrk benches need node anyway)
free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

# wrk output on stdin -> "rps p99_ms errors" (errors: socket errors of every kind plus non-2xx/3xx answers)
wrk_figures() {
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec:/ { rps = $2 }
    $1 == "99%" { p99 = ms($2) }
    /Socket errors:/ { gsub(",", ""); err += $4 + $6 + $8 + $10 }
    /Non-2xx or 3xx responses:/ { err += $5 }
    END { printf "%s %s %d\n", rps, p99, err }'
}
