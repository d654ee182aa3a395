#!/usr/bin/env bash
# Log flood: a node worker writes LINES lines of 67 bytes as fast as it can; the figure is the time from the
# worker's first write until the last line is in the log file (the time from the start command is in the raw lines). jpm (timestamps and rotation on, its defaults) against PM2 7.0.4
# (plain, its default, and with --time), median of ROUNDS. Also counts the lines (lost, duplicated, without a
# timestamp), the daemon's RSS growth during the flood, and `jpm list` latency during a flood. See bench/README.md.
set -u -o pipefail

LOG_TAG=flood
source "$(dirname "$0")/lib.sh"   # BENCH_DIR, REPO, PM2_VERSION and the shared helpers
LINES=${BENCH_FLOOD_LINES:-1000000}
ROUNDS=${BENCH_FLOOD_ROUNDS:-3}

make_tmp jpm-flood
mkdir -p "$TMP/w"
JPM="" PM2=""

stop_tools() { # called by cleanup (lib.sh)
  [ -n "$JPM" ] && alive "$(cat "$JPM_HOME/daemon.pid" 2>/dev/null)" && timeout 60 "$JPM" kill >/dev/null 2>&1
  [ -n "$PM2" ] && alive "$(cat "$PM2_HOME/pm2.pid" 2>/dev/null)" && timeout 60 "$PM2" kill >/dev/null 2>&1
  kill_leftovers "killing leftover process(es):"
}
install_cleanup

need_node "node and npm are needed"
install_pm2 "npm install failed"
check_jpm "jpm does not build"
JPM="$REPO/bin/jpm"

# The worker: LINES lines "L<7 digits> <57 x>\n" (67 bytes), in writes of 1000 lines, then it idles.
cat >"$TMP/w/flood.js" <<'EOF'
const n = +process.argv[2], per = 1000, pad = 'x'.repeat(57);
let i = 0;
const batch = () => { let s = ''; for (let k = 0; k < per && i < n; k++, i++) s += 'L' + String(i).padStart(7, '0') + ' ' + pad + '\n'; return s; };
require('fs').writeFileSync(process.argv[3], String(Date.now()));
const go = () => { while (i < n) if (!process.stdout.write(batch())) return process.stdout.once('drain', go); };
go();
setInterval(() => {}, 1 << 30);
EOF
LAST=$(printf 'L%07d ' $((LINES - 1)))

"$JPM" ping >/dev/null 2>&1 || die "jpm ping failed"
"$PM2" ping >/dev/null 2>&1 || die "pm2 ping failed"
JPID=$(cat "$JPM_HOME/daemon.pid") PPID2=$(cat "$PM2_HOME/pm2.pid")

# flood_round <tool> <live log> <worker t0 file> <daemon pid> <start command...>:
# prints "seconds_from_first_write rss_growth_kB seconds_from_start_command"
flood_round() {
  local tool=$1 file=$2 t0file=$3 dpid=$4 t0 rss0 peak r deadline
  shift 4
  rss0=$(rss_kb "$dpid") peak=$rss0
  t0=$(now_us)
  "$@" >"$TMP/logs/start-$tool.log" 2>&1 || { log "$tool: start failed: $(tail -3 "$TMP/logs/start-$tool.log")"; return 1; }
  deadline=$((SECONDS + 300))
  while ! tail -c 300 "$file" 2>/dev/null | grep -q "$LAST"; do
    r=$(rss_kb "$dpid"); [ "${r:-0}" -gt "$peak" ] && peak=$r
    [ $SECONDS -ge $deadline ] && { log "$tool: the last line never came"; return 1; }
    sleep 0.02
  done
  awk -v a="$t0" -v b="$(now_us)" -v w="$(cat "$t0file")" -v p="$peak" -v r="$rss0" \
    'BEGIN { printf "%.3f %d %.3f\n", (b / 1000 - w) / 1e3, p - r, (b - a) / 1e6 }'
}

# count <files...>: "lines unique timestamped" over the flood lines of the files, oldest first (gz read too)
count() {
  local f
  for f in "$@"; do case "$f" in *.gz) zcat "$f" ;; *) cat "$f" ;; esac; done \
    | LC_ALL=C awk -v pad="$(printf 'x%.0s' $(seq 1 57))" '
        { p = index($0, "L"); if (p == 0 || substr($0, p + 8) != " " pad) next
          id = substr($0, p + 1, 7); if (id !~ /^[0-9][0-9][0-9][0-9][0-9][0-9][0-9]$/) next
          n++; if (!(id in seen)) { u++; seen[id] = 1 }
          if (p > 1 && substr($0, 1, p - 1) ~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9](\.[0-9]+)?([+-][0-9][0-9]:?[0-9][0-9]|Z)?: $/) t++ }
        END { printf "%d %d %d\n", n, u, t }'
}
jpm_files() { ls -1 "$JPM_HOME/logs/$1-out-$2".log.* 2>/dev/null | sort -t. -k3,3nr; echo "$JPM_HOME/logs/$1-out-$2.log"; } # app id

declare -a TJ TP TPT GJ GP SJ SP
# each jpm app is deleted before the next starts, and ids start again at 0 once no app is left: worker 0 each time
for round in $(seq 1 "$ROUNDS"); do
  log "round $round/$ROUNDS: jpm"
  set -- $(flood_round jpm "$JPM_HOME/logs/fj$round-out-0.log" "$TMP/w/j$round" "$JPID" \
    "$JPM" start "$TMP/w/flood.js" --name "fj$round" -- "$LINES" "$TMP/w/j$round")
  TJ+=("${1:-}") GJ+=("${2:-}") SJ+=("${3:-}")
  c=$(count $(jpm_files "fj$round" 0))
  log "jpm: ${1:-?} s (${3:-?} s from the start command), RSS +${2:-?} kB, lines/unique/timestamped: $c"
  "$JPM" delete "fj$round" >/dev/null 2>&1; rm -f "$JPM_HOME/logs/fj$round"-*

  log "round $round/$ROUNDS: pm2"
  set -- $(flood_round pm2 "$TMP/p$round.log" "$TMP/w/p$round" "$PPID2" "$PM2" start "$TMP/w/flood.js" --name "fp$round" \
    --no-autorestart -o "$TMP/p$round.log" -e "$TMP/p$round.err" -- "$LINES" "$TMP/w/p$round")
  TP+=("${1:-}") GP+=("${2:-}") SP+=("${3:-}")
  log "pm2: ${1:-?} s (${3:-?} s from the start command), RSS +${2:-?} kB, lines/unique/timestamped: $(count "$TMP/p$round.log")"
  "$PM2" delete "fp$round" >/dev/null 2>&1; rm -f "$TMP/p$round".*

  log "round $round/$ROUNDS: pm2 --time"
  set -- $(flood_round pm2t "$TMP/pt$round.log" "$TMP/w/t$round" "$PPID2" "$PM2" start "$TMP/w/flood.js" --name "ft$round" \
    --no-autorestart --time -o "$TMP/pt$round.log" -e "$TMP/pt$round.err" -- "$LINES" "$TMP/w/t$round")
  TPT+=("${1:-}")
  log "pm2 --time: ${1:-?} s, lines/unique/timestamped: $(count "$TMP/pt$round.log")"
  "$PM2" delete "ft$round" >/dev/null 2>&1; rm -f "$TMP/pt$round".*
done

log "jpm list during a flood"
"$JPM" start "$TMP/w/flood.js" --name fl -- "$LINES" "$TMP/w/fl" >/dev/null 2>&1
LIST=()
for i in 1 2 3 4 5; do
  t0=$(now_us); "$JPM" list >/dev/null 2>&1; LIST+=("$(ms_since "$t0")")
done
"$JPM" delete fl >/dev/null 2>&1
log "jpm list ms during the flood: ${LIST[*]}"
log "a flood with a stalled subscriber (jpm logs, stopped with SIGSTOP)"
"$JPM" logs --lines 0 >/dev/null 2>&1 &
LOGS_PID=$!
sleep 3
kill -STOP "$LOGS_PID"
set -- $(flood_round stalled "$JPM_HOME/logs/st-out-0.log" "$TMP/w/st" "$JPID" \
  "$JPM" start "$TMP/w/flood.js" --name st -- "$LINES" "$TMP/w/st")
STALLED="${1:-error} s, RSS +$(awk -v k="${2:-0}" 'BEGIN { printf "%.1f", k / 1024 }') MiB, daemon $(alive "$JPID" && echo alive || echo DEAD)"
kill -9 "$LOGS_PID" 2>/dev/null
"$JPM" delete st >/dev/null 2>&1
log "stalled subscriber: $STALLED"
IDLE=()
for i in 1 2 3; do t0=$(now_us); "$JPM" list >/dev/null 2>&1; IDLE+=("$(ms_since "$t0")"); done

mj=$(printf '%s\n' "${TJ[@]}" | median raw) mp=$(printf '%s\n' "${TP[@]}" | median raw) mpt=$(printf '%s\n' "${TPT[@]}" | median raw)
echo "raw: jpm s ${TJ[*]} | pm2 s ${TP[*]} | pm2 --time s ${TPT[*]} | jpm RSS growth kB ${GJ[*]} | pm2 ${GP[*]}"
echo "raw: from the start command: jpm s ${SJ[*]} | pm2 s ${SP[*]}"
echo "raw: jpm list ms during a flood ${LIST[*]}; idle ${IDLE[*]}"
echo
echo "| figure | jpm | PM2 | ratio | target |"
echo "|---|---|---|---|---|"
echo "| $LINES lines of 67 B into the log file (first write → last line in file), s | $mj | $mp (--time: $mpt) | $(ratio "$mj" "$mp") | ≤ 0.5× |"
echo "| daemon RSS growth during the flood, MiB | $(printf '%s\n' "${GJ[@]}" | median raw | awk '{ printf "%.1f", $1 / 1024 }') | $(printf '%s\n' "${GP[@]}" | median raw | awk '{ printf "%.1f", $1 / 1024 }') | | ≤ 32 MiB |"
echo "| flood with a stalled \`jpm logs\` subscriber | $STALLED | | | bounded |"
echo "| jpm list during a flood, ms (median / max) | $(printf '%s\n' "${LIST[@]}" | median raw) / $(printf '%s\n' "${LIST[@]}" | sort -n | tail -1) | | | < 1000 |"
