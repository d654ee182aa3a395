#!/usr/bin/env bash
# Long fuzzing runs of the parsers that read untrusted bytes (Jazzer, coverage-guided), one after the other.
# The test suite only replays their committed corpora (regression mode); this fuzzes each for FUZZ_DURATION.
#
#   bench/fuzz.sh                         every target, 2 minutes each
#   FUZZ_DURATION=10m bench/fuzz.sh ipc   only the targets of the named modules (ipc engine themes tui)
#
# A finding fails the run and leaves its input as crash-<sha1> in the module's folder: move it into the test's
# src/test/resources/<package>/<Class>Inputs/<method>/ folder, where it then runs in every build, and fix the bug.
# Inputs that found new coverage accumulate in <module>/.cifuzz-corpus/ (ignored by git) and seed the next run.
set -u -o pipefail
source "$(dirname "$(readlink -f "$0")")/../bin/jpm-env.sh"   # JPM_ROOT and a JDK >= 21
cd "$JPM_ROOT"
DURATION=${FUZZ_DURATION:-2m}
MODULES=("$@")
[ ${#MODULES[@]} -gt 0 ] || MODULES=(ipc engine themes tui)
declare -A TARGETS=(
  [ipc]="RequestCodecFuzzTest"
  [engine]="EcosystemFileFuzzTest LineSplitterFuzzTest"
  [themes]="ThemeReaderFuzzTest"
  [tui]="LogBatchReadersFuzzTest"
)
status=0
for m in "${MODULES[@]}"; do
  [ -n "${TARGETS[$m]:-}" ] || { echo "unknown module $m (ipc engine themes tui)" >&2; exit 2; }
  for t in ${TARGETS[$m]}; do
    echo "[fuzz $(date +%T)] $m $t for $DURATION" >&2
    if ./mvnw -B -ntp -o -q test -pl "$m" -am -Dtest="$t" -Dsurefire.failIfNoSpecifiedTests=false \
      -Dfuzz.fuzzing=true -Dfuzz.duration="$DURATION" -Dspotless.check.skip=true >"/tmp/jpm-fuzz-$t.log" 2>&1; then
      echo "[fuzz $(date +%T)] $t: no finding ($(grep -a -o 'Done [0-9]* runs' "/tmp/jpm-fuzz-$t.log" | tail -1))" >&2
    else
      status=1
      echo "[fuzz $(date +%T)] $t: FINDING or failure, see /tmp/jpm-fuzz-$t.log" >&2
      grep -a -m5 -A3 'FuzzTestFindingException\|<<< FAIL' "/tmp/jpm-fuzz-$t.log" >&2
    fi
  done
done
exit $status
