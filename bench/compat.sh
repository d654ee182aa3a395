#!/usr/bin/env bash
# PM2's habits run through PM2 and jpm with the same arguments, side by side, in one run: after each step the exit
# codes and the process lists (name:status of every process, from each tool's `jlist`) are compared. Prints a
# markdown table and "N of M steps agree". Self-contained; needs node and npm (PM2 is installed into the temp dir).
# Everything it starts lives under one temp dir and is stopped (jpm kill, pm2 kill, then any leftover, by pid).
set -u -o pipefail

LOG_TAG=compat
source "$(dirname "$0")/lib.sh"
need_node "bench/compat.sh compares against PM2 and needs node and npm"
make_tmp jpm-compat
JPM="" PM2=""

stop_tools() { stop_jpm_and_pm2; } # called by cleanup (lib.sh)
install_cleanup

log "installing pm2@$PM2_VERSION"
install_pm2
check_jpm "bin/jpm does not build"
snapshot_jpm

WORK="$TMP/work"
mkdir -p "$WORK"
cd "$WORK" || die "no $WORK"
printf 'setInterval(() => {}, 1000);\n' >app.js
printf 'setInterval(() => {}, 1000);\n' >worker.js
cat >eco.json <<'JSON'
{"apps": [{"name": "api", "script": "./app.js"}, {"name": "jobs", "script": "./worker.js", "instances": 2,
  "exec_mode": "fork"}]}
JSON
printf '{"apps": [{"name": "piped", "script": "./app.js"}]}\n' >piped.json

# name:status of every process, sorted; launching and waiting restart count as online (a moment later they are)
summary() { # tool
  "$1" jlist 2>/dev/null | node -e '
    let s = ""; process.stdin.on("data", d => s += d).on("end", () => {
      const line = s.split("\n").find(l => l.startsWith("["));
      let a; try { a = JSON.parse(line); } catch (e) { console.log("unreadable"); return; }
      const norm = x => (x === "launching" || x === "waiting restart") ? "online" : x;
      console.log(a.map(p => p.name + ":" + norm(p.pm2_env.status)).sort().join(" ") || "-");
    });'
}

ROWS=() AGREE=0 TOTAL=0
# step [<STDIN-FILE] ARGS...: the same command through both tools, then both lists after a short settle
step() {
  local input=/dev/null
  if [ "${1:0:1}" = "<" ]; then input=${1:1}; shift; fi
  local prc jrc ps js ok
  "$PM2" "$@" <"$input" >>"$TMP/logs/pm2.log" 2>&1; prc=$?
  "$JPM" "$@" <"$input" >>"$TMP/logs/jpm.log" 2>&1; jrc=$?
  sleep 1.5
  ps=$(summary "$PM2") js=$(summary "$JPM")
  ok=no
  [ "$prc" = "$jrc" ] && [ "$ps" = "$js" ] && { ok=yes; AGREE=$((AGREE + 1)); }
  TOTAL=$((TOTAL + 1))
  local shown="$*"
  ROWS+=("| \`${shown//|/\\|}\` | $prc | $jrc | $ps | $js | $ok |")
  log "$*: pm2 $prc [$ps] / jpm $jrc [$js] $ok"
}

step start app.js
step start app.js                 # already launched: 1 unless -f
step start app.js -f
step stop app.js                  # a target by script path
step start app                    # a name restarts the app
step restart /ap/                 # a regex
step stop 0 1                     # several targets
step stop nope                    # unknown: 1
step describe nope
step env 99
step delete all
step restart all                  # nothing to restart: 1
step start eco.json
step startOrRestart eco.json
step startOrReload eco.json
step stop api jobs
step "<piped.json" start -
step save
step delete all
step kill
step jlist                        # the next daemon starts empty
step resurrect                    # the snapshot: api, jobs, piped
step ls --sort name:desc
step start app.js --name n1 --namespace ns1
step start worker.js --name n2 --namespace ns1
step stop ns1                     # a namespace
step delete '/^(api|jobs)$/'
step kill

echo "## jpm vs PM2 $PM2_VERSION: the same commands, side by side"
echo
echo "| command | PM2 exit | jpm exit | PM2 processes | jpm processes | agree |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${ROWS[@]}"
echo
echo "$AGREE of $TOTAL steps agree (exit code and name:status of every process)."
