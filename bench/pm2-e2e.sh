#!/usr/bin/env bash
# Runs some of PM2's own end-to-end scripts (test/e2e/cli of github.com/Unitech/pm2) against jpm. Only the command
# syntax is translated, by a `pm2` shim: `prettylist` prints jpm's list the way PM2 prints it (node's util.inspect of
# the jlist JSON), and `link` (PM2.io) does nothing; every other command goes to jpm unchanged. PM2's scripts source
# test/e2e/include.sh for their helpers (should, spec, ispec, ...); this script writes its own version of that file.
# PM2's sources are not part of jpm: PM2_SRC names a checkout or a bare git dir of it, else it is cloned (depth 1)
# into the temp dir. Prints one line per script and "N of M scripts pass". PM2_E2E_SCRIPTS picks the scripts;
# PM2_E2E_LOGS names a folder that keeps each script's output. A failing script that reads PM2's own files
# (~/.pm2/dump.pm2, its .bak, ~/.pm2/pm2.pid) runs once more with those paths read as jpm's (JPM_HOME/dump.json,
# dump.json.bak, daemon.pid); the table says how that run ends, and it never counts as a pass.
set -u -o pipefail

LOG_TAG=pm2-e2e
source "$(dirname "$0")/lib.sh"
need_node "bench/pm2-e2e.sh needs node (the fixtures are node apps)"
make_tmp jpm-pm2e2e
JPM=""
SCRIPTS=${PM2_E2E_SCRIPTS:-"operate-regex multiparam smart-start right-exit-code startOrX sort reset resurrect piped-config \
  reload fork args env-refresh watch python-support binary start-app dump cli-actions-1 cli-actions-2 ecosystem.e2e"}

stop_tools() {
  [ -n "$JPM" ] && timeout 60 "$JPM" kill >/dev/null 2>&1
  kill_leftovers count
}
install_cleanup

check_jpm "bin/jpm does not build"
snapshot_jpm

SRC="$TMP/pm2"
mkdir -p "$SRC"
if [ -n "${PM2_SRC:-}" ] && [ -d "$PM2_SRC/test/e2e" ]; then
  cp -a "$PM2_SRC/test" "$SRC/"
elif [ -n "${PM2_SRC:-}" ]; then
  git --git-dir="$PM2_SRC" archive HEAD test | tar -x -C "$SRC" || die "cannot read test/ from $PM2_SRC"
else
  git clone -q --depth 1 https://github.com/Unitech/pm2 "$SRC" 2>"$TMP/logs/clone.log" \
    || die "cannot clone github.com/Unitech/pm2 (offline?); give a checkout in PM2_SRC"
fi

# the shim: PM2's command line, run by jpm
mkdir -p "$TMP/bin"
cat >"$TMP/bin/pm2" <<SHIM
#!/usr/bin/env bash
case "\${1:-}" in
  link) exit 0 ;;
  prettylist)
    out=\$("$JPM" jlist) || exit \$?
    printf '%s' "\$out" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>
      console.log(require("util").inspect(JSON.parse(s),{depth:4,colors:false,breakLength:80})))' ;;
  *) exec "$JPM" "\$@" ;;
esac
SHIM
chmod +x "$TMP/bin/pm2"

# the helpers PM2's scripts expect from include.sh, written for this harness
cat >"$SRC/test/e2e/include.sh" <<INCLUDE
pm2="$TMP/bin/pm2"
node=\$(type -P node)
file_path="$SRC/test/fixtures"
export HOME="$TMP/home"
mkdir -p "\$HOME"
\$pm2 kill >/dev/null 2>&1
fail() { echo "FAIL: \$1"; exit 1; }
success() { echo "ok: \$1"; }
count() { sleep 0.5; \$pm2 prettylist | grep -v npm | grep -o "\$1" | wc -l; }
spec() { local rc=\$?; [ \$rc -eq 0 ] || fail "\$1"; success "\$1"; }
ispec() { local rc=\$?; [ \$rc -ne 0 ] || fail "\$1"; success "\$1"; }
should() { local n; n=\$(count "\$2"); [ "\$n" -eq "\$3" ] || { [ -n "\${4:-}" ] && [ "\$n" -eq "\$4" ]; } \
  || fail "\$1 (\$2: \$n, wanted \$3)"; success "\$1"; }
shouldnot() { local n; n=\$(count "\$2"); [ "\$n" -ne "\$3" ] || fail "\$1"; success "\$1"; }
exists() { local n; n=\$(count "\$2"); [ "\$n" -ge 1 ] || fail "\$1"; success "\$1"; }
INCLUDE

# run_script NAME FILE LOG: runs one of PM2's scripts with its own JPM_HOME; its exit code
run_script() {
  export JPM_HOME="$TMP/jpm-home-$1"
  mkdir -p "$JPM_HOME"
  timeout 300 bash "$2" >"$3" 2>&1
  local rc=$?
  timeout 60 "$JPM" kill >/dev/null 2>&1
  return $rc
}

PASS=0 TOTAL=0
echo "## PM2's e2e scripts against jpm (command syntax translated by a shim)"
echo
echo "| script | result | first failure |"
echo "|---|---|---|"
for s in $SCRIPTS; do
  f="$SRC/test/e2e/cli/$s.sh"
  [ -f "$f" ] || { log "no $f"; continue; }
  TOTAL=$((TOTAL + 1))
  run_script "$s" "$f" "$TMP/logs/$s.log"
  rc=$?
  if [ $rc -eq 0 ]; then
    PASS=$((PASS + 1))
    echo "| $s | pass | |"
  else
    why=$(grep -m1 '^FAIL: ' "$TMP/logs/$s.log" | cut -c7- | tr '|' '/')
    mapped=""
    if grep -q '~/\.pm2/' "$f"; then
      # not a pass: the same script with PM2's file paths read as jpm's, to tell a layout miss from a behaviour one
      sed -e "s#~/\.pm2/dump\.pm2\.bak#$TMP/jpm-home-$s.mapped/dump.json.bak#g" \
        -e "s#~/\.pm2/dump\.pm2#$TMP/jpm-home-$s.mapped/dump.json#g" \
        -e "s#~/\.pm2/pm2\.pid#$TMP/jpm-home-$s.mapped/daemon.pid#g" "$f" >"${f%.sh}.mapped.sh"
      run_script "$s.mapped" "${f%.sh}.mapped.sh" "$TMP/logs/$s.mapped.log"
      mrc=$?
      if [ $mrc -eq 0 ]; then mapped="; with PM2's paths read as jpm's (~/.pm2/dump.pm2 as JPM_HOME/dump.json): pass"
      else mapped="; with PM2's paths read as jpm's: $(grep -m1 '^FAIL: ' "$TMP/logs/$s.mapped.log" | cut -c7- | tr '|' '/')"
      fi
      [ -n "${PM2_E2E_LOGS:-}" ] && mkdir -p "$PM2_E2E_LOGS" && cp "$TMP/logs/$s.mapped.log" "$PM2_E2E_LOGS/"
    fi
    echo "| $s | fail (exit $rc) | ${why:-see log}$mapped |"
  fi
  log "$s: exit $rc"
  [ -n "${PM2_E2E_LOGS:-}" ] && mkdir -p "$PM2_E2E_LOGS" && cp "$TMP/logs/$s.log" "$PM2_E2E_LOGS/"
done
echo
echo "$PASS of $TOTAL scripts pass."
