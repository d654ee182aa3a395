#!/usr/bin/env bash
# jpm vs PM2, side by side, in one run. Prints raw numbers, then a markdown table.
# Self-contained and non-interactive; see bench/README.md. Everything it starts lives under one temp dir and is
# stopped (jpm kill, pm2 kill, then any leftover process of that dir, by pid) when it exits, however it exits.
set -u -o pipefail

LOG_TAG=bench
source "$(dirname "$0")/lib.sh"   # BENCH_DIR, REPO, PM2_VERSION and the shared helpers
N=${BENCH_WORKERS:-200}          # workers for rows 4-7
ROUNDS=${BENCH_ROUNDS:-10}       # start/delete rounds per tool (rows 4 and 7 quote the median)
RUNS=${BENCH_RUNS:-15}           # alternating runs of each one-shot command (rows 1, 1b-1e, 5)
GAPS=${BENCH_GAPS:-10}           # restarts measured (row 3)
LIFE_MS=${BENCH_WORKER_LIFE_MS:-1300}  # gap worker lifetime: above min_uptime (1000 ms) so each run is stable
IDLE_S=${BENCH_IDLE_SECONDS:-5}  # idle time before reading RSS (row 2)
CPU_S=${BENCH_CPU_SECONDS:-30}   # window for idle CPU (row 6)
SETTLE_S=5                       # pause after 200 online before the CPU window

make_tmp jpm-bench
mkdir -p "$TMP/jbin" "$TMP/pbin" "$TMP/gap-jpm" "$TMP/gap-pm2"
JPM="" PM2=""

# ---------------------------------------------------------------- cleanup

# Called by cleanup (lib.sh): jpm kill, pm2 kill, then any leftover process of $TMP, by pid.
stop_tools() {
  log "cleaning up"
  local jp pp p
  jp=$(cat "$JPM_HOME/daemon.pid" 2>/dev/null)
  pp=$(cat "$PM2_HOME/pm2.pid" 2>/dev/null)
  if [ -n "$JPM" ] && alive "$jp"; then timeout 60 "$JPM" kill >"$TMP/logs/cleanup-jpm.log" 2>&1; fi
  if [ -n "$PM2" ] && alive "$pp"; then timeout 60 "$PM2" kill >"$TMP/logs/cleanup-pm2.log" 2>&1; fi
  for p in $jp $pp; do
    wait_for 50 0.1 gone "$p"
    alive "$p" && { log "daemon $p still alive 5 s after kill; SIGKILL"; kill -9 "$p"; }
  done
  kill_leftovers count
}
install_cleanup

# ---------------------------------------------------------------- helpers

us_to_ms() { awk -v u="$1" 'BEGIN { printf "%.1f", u / 1000 }'; }

verdict() { # ratio limit -> met / missed
  if [ "$1" = "n/a" ]; then echo "n/a"; return; fi
  awk -v r="$1" -v l="$2" 'BEGIN { print (r <= l) ? "met" : "missed" }'
}

# How many processes run the given sleep copy (matched on /proc/<pid>/exe, so argv does not matter).
count_sleeps() {
  local pids
  pids=$(pgrep -x sleep) || { echo 0; return; }
  readlink $(printf '/proc/%s/exe ' $pids) 2>/dev/null | grep -cxF "$1"
}

# Counts the workers named $1 that are online, in `jpm list --json` or `pm2 jlist` output on stdin.
cat >"$TMP/count-online.js" <<'EOF'
let s = '';
process.stdin.on('data', d => s += d).on('end', () => {
  try {
    const a = JSON.parse(s.slice(s.indexOf('[')));
    console.log(a.filter(o => o.name === process.argv[2] &&
      (o.status ?? (o.pm2_env && o.pm2_env.status)) === 'online').length);
  } catch (e) { console.log(-1); }
});
EOF

# children_cpu_us: sets CPU_US to the user+sys time of every child this shell has reaped, from the `times` builtin
# (ms resolution). Pure bash: a subshell or awk here would be reaped too and counted.
children_cpu_us() {
  local self u s d total=0
  times >"$TMP/times"
  { read -r self; read -r u s; } <"$TMP/times"
  for d in "$u" "$s"; do # 0m1.234s
    local m=${d%%m*} rest=${d#*m}
    rest=${rest%s}
    total=$(( total + m * 60000000 + 10#${rest%.*} * 1000000 + 10#${rest#*.} * 1000 ))
  done
  CPU_US=$total
}

# timed_run cmd...: runs a command once, output discarded; sets W_US (wall) and C_US (CPU of it and its children)
timed_run() {
  local t0 c0 rc
  children_cpu_us; c0=$CPU_US
  t0=$(now_us)
  "$@" >/dev/null 2>&1; rc=$?
  W_US=$(( $(now_us) - t0 ))
  children_cpu_us; C_US=$(( CPU_US - c0 ))
  return $rc
}

# pair KEY "JPM-CMD" "PM2-CMD": 2 warm-up runs each, then $RUNS runs of each, alternating which tool goes first;
# sets R[KEY_jw] R[KEY_jc] R[KEY_pw] R[KEY_pc] (median wall and CPU, ms) and keeps every sample in the raw lines
pair() {
  local key=$1 i t cmd fails=0
  local -A w c
  for i in 1 2; do eval "$2" >/dev/null 2>&1; eval "$3" >/dev/null 2>&1; done
  for i in $(seq 1 "$RUNS"); do
    for t in $( (( i % 2 )) && echo "j p" || echo "p j"); do
      if [ "$t" = j ]; then cmd=$2; else cmd=$3; fi
      timed_run eval "$cmd" || fails=$((fails + 1))
      w[$t]+="$(us_to_ms "$W_US") " c[$t]+="$(us_to_ms "$C_US") "
    done
  done
  for t in j p; do
    R[${key}_${t}w]=$(printf '%s\n' ${w[$t]} | median)
    R[${key}_${t}c]=$(printf '%s\n' ${c[$t]} | median)
  done
  raw "$key wall ms, jpm: ${w[j]}| pm2: ${w[p]}"
  raw "$key CPU ms, jpm: ${c[j]}| pm2: ${c[p]}"
  [ "$fails" = 0 ] || raw "$key: $fails runs exited non-zero"
}

# ---------------------------------------------------------------- setup

need_node "node and npm are needed (for PM2 and the workers)"

install_pm2
[ -x "$PM2" ] || die "no $PM2 after npm install"

log "building jpm if needed"
check_jpm "jpm does not build or run"
if [ "${BENCH_NO_SNAPSHOT:-0}" = 1 ]; then
  JPM="$REPO/bin/jpm"
else
  snapshot_jpm   # run a copy of the built jars, so a source edit in the work tree during the run cannot rebuild them
fi
JPM_VERSION=$("$JPM" version 2>&1 | head -1)

# Warm-up: a first CLI and daemon cycle in a throwaway home, so the JVMs' class-data archives exist (as they do after
# any first use) and PM2 prints its first-run banner there.
log "warming up both tools"
# On JDK 25+ a first command starts recording the CLI's AOT caches in the background (bin/jpm): `version` the one-line
# verbs' (jpm-ping.aot), `list` the other fast-path verbs' (jpm-fast.aot), `--version` the other verbs'
# (jpm-cli.aot). Wait for each, one at a time, as a user's later commands would find them.
JPM_ROOT_USED=$(dirname "$(dirname "$JPM")")
for warm in "version ping" "list fast" "--version cli"; do
  JPM_HOME="$TMP/warm-jpm" "$JPM" ${warm% *} >/dev/null 2>&1
  wait_for 240 0.5 test ! -d "$JPM_ROOT_USED/tui/target/jpm-${warm#* }.aot.lock"
done
JPM_HOME="$TMP/warm-jpm" "$JPM" ping >"$TMP/logs/warm.log" 2>&1 || { cat "$TMP/logs/warm.log" >&2; die "jpm ping failed"; }
JPM_HOME="$TMP/warm-jpm" "$JPM" kill >>"$TMP/logs/warm.log" 2>&1
PM2_HOME="$TMP/warm-pm2" "$PM2" ping >>"$TMP/logs/warm.log" 2>&1 || { cat "$TMP/logs/warm.log" >&2; die "pm2 ping failed"; }
PM2_HOME="$TMP/warm-pm2" "$PM2" kill >>"$TMP/logs/warm.log" 2>&1
sleep 1

# Private copies of sleep: workers of each tool are told apart from every other sleep on the machine by their binary.
cp "$(command -v sleep)" "$TMP/jbin/sleep"
cp "$(command -v sleep)" "$TMP/pbin/sleep"
JSLEEP="$TMP/jbin/sleep" PSLEEP="$TMP/pbin/sleep"
export PATH="$TMP/jbin:$PATH"   # so `jpm start sleep` (and the jpm daemon) resolve sleep to our copy

declare -A R   # results
RAW=()         # raw lines (raw, lib.sh)

# ---------------------------------------------------------------- rows 1 and 2: idle daemons

log "starting both daemons"
"$JPM" ping >"$TMP/logs/ping.log" 2>&1 || die "jpm ping failed: $(cat "$TMP/logs/ping.log")"
"$PM2" ping >>"$TMP/logs/ping.log" 2>&1 || die "pm2 ping failed"
JPID=$(cat "$JPM_HOME/daemon.pid" 2>/dev/null)
PPID2=$(cat "$PM2_HOME/pm2.pid" 2>/dev/null)
alive "$JPID" || die "no live jpm daemon pid in $JPM_HOME/daemon.pid"
alive "$PPID2" || die "no live PM2 daemon pid in $PM2_HOME/pm2.pid"
raw "jpm: $JPM_VERSION, daemon pid $JPID; PM2 $PM2_VERSION, daemon pid $PPID2; $(nproc) cpu(s), load $(cut -d' ' -f1-3 /proc/loadavg)"

log "row 2: idle RSS (after ${IDLE_S}s idle, median of 3 reads 1s apart)"
sleep "$IDLE_S"
js=() ps_=()
for i in 1 2 3; do js+=("$(rss_kb "$JPID")"); ps_+=("$(rss_kb "$PPID2")"); [ $i -lt 3 ] && sleep 1; done
R[rss_j]=$(printf '%s\n' "${js[@]}" | median)
R[rss_p]=$(printf '%s\n' "${ps_[@]}" | median)
raw "idle RSS kB: jpm ${js[*]} | pm2 ${ps_[*]}"

log "row 1: one-shot commands, wall and CPU ($RUNS alternating runs each)"
pair ping '"$JPM" ping' '"$PM2" ping'
raw "RSS kB after the ping runs: jpm $(rss_kb "$JPID") | pm2 $(rss_kb "$PPID2")"
"$JPM" start "$JSLEEP" --name w -i 4 -- 3600 >"$TMP/logs/w4.log" 2>&1 || log "jpm start w failed: $(tail -3 "$TMP/logs/w4.log")"
"$PM2" start "$PSLEEP" --name w -i 4 -f -- 3600 >>"$TMP/logs/w4.log" 2>&1 || log "pm2 start w failed"
pair list4 '"$JPM" list --json' '"$PM2" jlist'
pair describe '"$JPM" describe w' '"$PM2" describe w'
pair restart '"$JPM" restart w' '"$PM2" restart w'
"$JPM" delete w >>"$TMP/logs/w4.log" 2>&1
"$PM2" delete w >>"$TMP/logs/w4.log" 2>&1

# ---------------------------------------------------------------- row 3: exit -> replacement gap

write_worker() { # dir
  cat >"$1/worker.js" <<EOF
require('fs').appendFileSync(__dirname + '/times.log', 'start ' + (performance.timeOrigin + performance.now()).toFixed(3) + ' ' + performance.timeOrigin.toFixed(3) + ' ' + process.pid + '\n');
setTimeout(() => {
  if (require('fs').existsSync(__dirname + '/stay')) return setInterval(() => {}, 1 << 30);
  require('fs').appendFileSync(__dirname + '/times.log', 'exit ' + (performance.timeOrigin + performance.now()).toFixed(3) + ' ' + process.pid + '\n');
  process.exit(1);
}, $LIFE_MS);
EOF
}

# gaps <times.log> <column>: ms from each logged exit to the next start line (column 2: first line of code,
# column 3: the new process's performance.timeOrigin), one a line
gaps() {
  awk -v c="$2" '$1 == "exit" { e = $2; have = 1; next }
                 $1 == "start" && have { printf "%.3f\n", $c - e; have = 0 }' "$1"
}

measure_gap() { # tool start-cmd... ; sets GAPLOG
  local tool=$1 dir=$TMP/gap-$1 deadline n
  shift
  write_worker "$dir"
  : >"$dir/times.log"
  "$@" >"$TMP/logs/gap-$tool.log" 2>&1 || { log "$tool: starting the gap worker failed: $(tail -3 "$TMP/logs/gap-$tool.log")"; return 1; }
  deadline=$(( SECONDS + (GAPS + 1) * (LIFE_MS + 500) / 1000 * 3 + 30 ))
  while :; do
    n=$(grep -c '^start' "$dir/times.log")
    [ "$n" -ge $((GAPS + 1)) ] && break
    [ $SECONDS -ge $deadline ] && { log "$tool: only $n starts before the deadline"; break; }
    sleep 0.2
  done
  touch "$dir/stay"
}

log "row 3: exit -> replacement gap ($GAPS restarts each, worker lives ${LIFE_MS} ms)"
measure_gap jpm "$JPM" start "$TMP/gap-jpm/worker.js" --name gapj
"$JPM" list --json >"$TMP/logs/gap-jpm-list.json" 2>&1
"$JPM" delete gapj >>"$TMP/logs/gap-jpm.log" 2>&1
measure_gap pm2 "$PM2" start "$TMP/gap-pm2/worker.js" --name gapp
"$PM2" jlist >"$TMP/logs/gap-pm2-list.json" 2>&1
"$PM2" delete gapp >>"$TMP/logs/gap-pm2.log" 2>&1
for t in jpm pm2; do
  g=$(gaps "$TMP/gap-$t/times.log" 2 | head -n "$GAPS")
  o=$(gaps "$TMP/gap-$t/times.log" 3 | head -n "$GAPS")
  R[gap_${t:0:1}]=$(echo "$g" | grep . | median)
  R[gapo_${t:0:1}]=$(echo "$o" | grep . | median)
  raw "gap ms to first line, $t: $(echo $g)"
  raw "gap ms to process timeOrigin, $t: $(echo $o)"
done
raw "gap worker restarts counted by jpm: $(node -e 'const a=JSON.parse(require("fs").readFileSync(process.argv[1]));const w=a.find(o=>o.name==="gapj");console.log(w?`restarts=${w.restarts} unstable=${w.unstableRestarts} status=${w.status}`:"?")' "$TMP/logs/gap-jpm-list.json" 2>/dev/null)"

# ---------------------------------------------------------------- rows 4-7: 200 sleep workers

# wait_online <list-cmd...>: polls until N workers named s are online; prints ms from $T0 to the end of the
# successful poll, or nothing after 180 s
wait_online() {
  local out end c deadline=$(( SECONDS + 180 ))
  while [ $SECONDS -lt $deadline ]; do
    out=$("$@" 2>/dev/null)
    end=$(now_us)
    c=$(node "$TMP/count-online.js" s <<<"$out")
    if [ "${c:--1}" -ge "$N" ]; then echo $(( (end - T0) / 1000 )); return 0; fi
    [ "${c:--1}" -lt 0 ] && sleep 0.2   # the list command failed: do not spin
  done
  log "timed out waiting for $N online (last count: ${c:-?})"
  return 1
}

# wait_gone <sleep-copy>: polls every 20 ms until no process runs it; prints ms from $T0, or nothing after 120 s
wait_gone() {
  local deadline=$(( SECONDS + 120 )) c
  while [ $SECONDS -lt $deadline ]; do
    c=$(count_sleeps "$1")
    [ "$c" -eq 0 ] && { ms_since "$T0"; return 0; }
    sleep 0.02
  done
  log "timed out waiting for the workers to go (still $c)"
  return 1
}

start_jpm() { "$JPM" start sleep --name s -i "$N" -- 3600; }
start_pm2() { "$PM2" start "$PSLEEP" --name s -i "$N" -f -- 3600; }
list_jpm() { "$JPM" list --json; }
list_pm2() { "$PM2" jlist; }
del_jpm() { "$JPM" delete all; }
del_pm2() { "$PM2" delete all; }

declare -A START DEL
one_round() { # tool round
  local t=$1 r=$2 copy cmd_ms ms pid
  if [ "$t" = jpm ]; then copy=$JSLEEP pid=$JPID; else copy=$PSLEEP pid=$PPID2; fi
  log "round $r, $t: start $N"
  T0=$(now_us)
  start_$t >"$TMP/logs/start-$t-$r.log" 2>&1 || log "$t start exited non-zero: $(tail -3 "$TMP/logs/start-$t-$r.log")"
  cmd_ms=$(ms_since "$T0")
  ms=$(wait_online list_$t)
  START[$t]+="${ms:+$ms }"
  raw "start $N, $t, round $r: ${ms:-error} ms until list shows $N online (start command returned after $cmd_ms ms; $(count_sleeps "$copy") processes)"

  if [ "$r" = 1 ]; then
    sleep "$SETTLE_S"
    log "round $r, $t: idle CPU over ${CPU_S}s"
    local a b
    a=$(cpu_ticks "$pid"); sleep "$CPU_S"; b=$(cpu_ticks "$pid")
    if [ -n "$a" ] && [ -n "$b" ]; then
      R[cpu_${t:0:1}]=$(ticks_pct $((b - a)) "$CPU_S" 3)
    fi
    raw "idle CPU, $t: $((b - a)) ticks (of $(getconf CLK_TCK)/s) in ${CPU_S}s = ${R[cpu_${t:0:1}]:-error} % of a core; daemon RSS $(rss_kb "$pid") kB"
  fi

  log "round $r, $t: delete all"
  T0=$(now_us)
  del_$t >"$TMP/logs/del-$t-$r.log" 2>&1 || log "$t delete exited non-zero: $(tail -3 "$TMP/logs/del-$t-$r.log")"
  cmd_ms=$(ms_since "$T0")
  ms=$(wait_gone "$copy")
  DEL[$t]+="${ms:+$ms }"
  raw "delete all, $t, round $r: ${ms:-error} ms until no worker process is left (delete command returned after $cmd_ms ms)"
  sleep 1
}

for r in $(seq 1 "$ROUNDS"); do
  if [ $((r % 2)) = 1 ]; then one_round jpm "$r"; one_round pm2 "$r"; else one_round pm2 "$r"; one_round jpm "$r"; fi
done
R[start_j]=$(printf '%s\n' ${START[jpm]:-} | median)
R[start_p]=$(printf '%s\n' ${START[pm2]:-} | median)
R[del_j]=$(printf '%s\n' ${DEL[jpm]:-} | median)
R[del_p]=$(printf '%s\n' ${DEL[pm2]:-} | median)

# ---------------------------------------------------------------- rows 5 and 8: both tools with N workers at once

log "rows 5 and 8: both tools with $N workers online"
T0=$(now_us)
start_jpm >"$TMP/logs/start-both.log" 2>&1; wait_online list_jpm >/dev/null
start_pm2 >>"$TMP/logs/start-both.log" 2>&1; wait_online list_pm2 >/dev/null
sleep "$IDLE_S"
js=() ps_=()
for i in 1 2 3; do js+=("$(rss_kb "$JPID")"); ps_+=("$(rss_kb "$PPID2")"); [ $i -lt 3 ] && sleep 1; done
R[rss200_j]=$(printf '%s\n' "${js[@]}" | median)
R[rss200_p]=$(printf '%s\n' "${ps_[@]}" | median)
raw "idle RSS kB with $N workers: jpm ${js[*]} | pm2 ${ps_[*]}"
pair list200 '"$JPM" list --json' '"$PM2" jlist'
T0=$(now_us)
del_jpm >>"$TMP/logs/start-both.log" 2>&1; wait_gone "$JSLEEP" >/dev/null
del_pm2 >>"$TMP/logs/start-both.log" 2>&1; wait_gone "$PSLEEP" >/dev/null

# ---------------------------------------------------------------- report

row() { # label unit decimals jkey pkey target-text limit(or empty)
  local j=${R[$4]:-} p=${R[$5]:-} ra v
  ra=$(ratio "$j" "$p")
  if [ -n "$7" ]; then v=" ($(verdict "$ra" "$7"))"; else v=""; fi
  printf '| %s | %s | %s | %s | %s%s |\n' "$1" "$(fmt "$j" "$3")${j:+ $2}" "$(fmt "$p" "$3")${p:+ $2}" "$ra" "$6" "$v"
}

row2() { # label key target-text limit(or empty): wall / CPU of a one-shot command, ratio of each
  local rw rc v=""
  rw=$(ratio "${R[${2}_jw]:-}" "${R[${2}_pw]:-}")
  rc=$(ratio "${R[${2}_jc]:-}" "${R[${2}_pc]:-}")
  if [ -n "$4" ]; then
    v=" ($(awk -v a="$(verdict "$rw" "$4")" -v b="$(verdict "$rc" "$4")" 'BEGIN { print (a == "met" && b == "met") ? "met" : "missed" }'))"
  fi
  printf '| %s, wall / CPU (median of %s) | %s / %s ms | %s / %s ms | %s / %s | %s%s |\n' "$1" "$RUNS" \
    "$(fmt "${R[${2}_jw]:-}" 1)" "$(fmt "${R[${2}_jc]:-}" 1)" "$(fmt "${R[${2}_pw]:-}" 1)" "$(fmt "${R[${2}_pc]:-}" 1)" \
    "$rw" "$rc" "$3" "$v"
}

cpu_target() {
  local j=${R[cpu_j]:-}
  if [ -z "$j" ]; then echo "near 0 % (n/a)"; else
    awk -v j="$j" 'BEGIN { printf "near 0 %% (%s)", (j <= 0.5) ? "met" : "missed" }'; fi
}

print_raw
echo "## jpm vs PM2 $PM2_VERSION ($(date -u +%F), $(nproc) cpu(s), medians)"
echo
echo "| figure | jpm | PM2 | ratio (jpm/PM2) | target |"
echo "|---|---|---|---|---|"
row2 "\`ping\`" ping "≤ 0.4×" 0.4
row2 "\`list --json\` / \`jlist\`, 4 workers" list4 "≤ 0.4×" 0.4
row2 "\`describe\` of a 4-worker app" describe "≤ 0.4×" 0.4
row2 "\`restart\` of a 4-worker app" restart "—" ""
row2 "\`list --json\` / \`jlist\`, $N workers" list200 "≤ 0.4×" 0.4
row "daemon idle RSS, no apps" kB 0 rss_j rss_p "≤ 0.75×" 0.75
row "daemon idle RSS, $N workers" kB 0 rss200_j rss200_p "≤ 0.75×" 0.75
row "exit → replacement gap (median of $GAPS restarts)" ms 1 gap_j gap_p "≤ 0.6×" 0.6
row "start $N \`sleep 3600\` until list shows $N online (median of $ROUNDS)" ms 0 start_j start_p "≤ 0.5×" 0.5
printf '| %s | %s | %s | %s | %s |\n' "daemon idle CPU with $N workers over ${CPU_S} s (% of one core)" \
  "$(fmt "${R[cpu_j]:-}" 2)${R[cpu_j]:+ %}" "$(fmt "${R[cpu_p]:-}" 2)${R[cpu_p]:+ %}" \
  "$(ratio "${R[cpu_j]:-}" "${R[cpu_p]:-}")" "$(cpu_target)"
row "delete all $N until no worker process is left (median of $ROUNDS)" ms 0 del_j del_p "≤ 0.3×" 0.3
echo
echo "Gap to the replacement's process start (performance.timeOrigin) instead of its first line:" \
  "jpm $(fmt "${R[gapo_j]:-}" 1) ms, PM2 $(fmt "${R[gapo_p]:-}" 1) ms."
