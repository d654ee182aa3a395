# Shared by the bin/ launchers: finds a JDK >= 21 and builds jpm on first use.
# Sourced, not run. Sets JPM_ROOT, JPM_JAVA, JPM_JAVA_HOME, JPM_JAVA_MAJOR.

# Each process a launcher starts costs a command a millisecond or two, so the common cases start none: the launchers
# source this file by its canonical path (readlink -f), and the JDK found last time is reused (below).
case "${BASH_SOURCE[0]}" in
  /*/bin/jpm-env.sh) JPM_ROOT=${BASH_SOURCE[0]%/bin/jpm-env.sh} ;;
  *) JPM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)" ;;
esac

# java_major <java-binary>: prints the major version, or nothing. Reads the JDK's `release` file when there is one
# (no JVM start); otherwise asks the JVM.
jpm_java_major() {
  local home line v
  home="$(dirname "$(dirname "$(readlink -f "$1")")")"
  if [ -r "$home/release" ]; then
    while IFS= read -r line; do
      case "$line" in JAVA_VERSION=*) v=${line#JAVA_VERSION=}; v=${v//\"/}; break ;; esac
    done <"$home/release"
    v=${v#1.}
    if [ -n "${v:-}" ]; then echo "${v%%[.+-]*}"; return; fi
  fi
  "$1" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2; exit}'
}

jpm_find_java() {
  local looked=() candidate major
  if [ -n "${JAVA_HOME:-}" ]; then
    looked+=("JAVA_HOME=$JAVA_HOME")
    candidate="$JAVA_HOME/bin/java"
    if [ -x "$candidate" ]; then
      major=$(jpm_java_major "$candidate")
      if [ -n "$major" ] && [ "${major%%.*}" -ge 21 ] 2>/dev/null; then JPM_JAVA_HOME="$JAVA_HOME"; return 0; fi
    fi
  fi
  if command -v java >/dev/null 2>&1; then
    candidate=$(command -v java)
    looked+=("PATH ($candidate)")
    major=$(jpm_java_major "$candidate")
    if [ -n "$major" ] && [ "${major%%.*}" -ge 21 ] 2>/dev/null; then
      JPM_JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$candidate")")")"; return 0
    fi
  else
    looked+=("PATH (no java)")
  fi
  local dir best="" best_major=0
  for dir in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/*; do
    [ -x "$dir/bin/java" ] || continue
    major=$(jpm_java_major "$dir/bin/java")
    [ -n "$major" ] || continue
    major=${major%%.*}
    if [ "$major" -ge 21 ] 2>/dev/null && [ "$major" -gt "$best_major" ]; then best="$dir"; best_major=$major; fi
  done
  looked+=("/usr/lib/jvm/*" "/usr/java/*" "/opt/java/*" "/opt/jdk*" "~/.sdkman/candidates/java/*")
  if [ -n "$best" ]; then JPM_JAVA_HOME="$best"; return 0; fi
  echo "jpm: no JDK 21 or newer found. Looked in: ${looked[*]}. Install one (e.g. apt-get install openjdk-21-jdk) or set JAVA_HOME." >&2
  return 1
}

# The search costs a JVM start per candidate without a `release` file, so its result is kept in tui/target and reused
# while JAVA_HOME and PATH (so the java on it) are the same and the JDK found is still there.
JPM_JAVA_CACHE="$JPM_ROOT/tui/target/.jpm-java"
jpm_java_key="${JAVA_HOME:-}|$PATH"
JPM_JAVA_HOME=""
if [ -r "$JPM_JAVA_CACHE" ]; then
  { IFS= read -r jpm_cached_key; IFS= read -r jpm_cached_home; IFS= read -r JPM_JAVA_MAJOR; } <"$JPM_JAVA_CACHE"
  if [ "$jpm_cached_key" = "$jpm_java_key" ] && [ -x "$jpm_cached_home/bin/java" ]; then JPM_JAVA_HOME=$jpm_cached_home; fi
fi
if [ -z "$JPM_JAVA_HOME" ]; then
  jpm_find_java || exit 1
  JPM_JAVA_MAJOR=$(jpm_java_major "$JPM_JAVA_HOME/bin/java")
  mkdir -p "$JPM_ROOT/tui/target" 2>/dev/null \
    && printf '%s\n%s\n%s\n' "$jpm_java_key" "$JPM_JAVA_HOME" "${JPM_JAVA_MAJOR%%.*}" >"$JPM_JAVA_CACHE.$$" 2>/dev/null \
    && mv -f "$JPM_JAVA_CACHE.$$" "$JPM_JAVA_CACHE"
fi
JPM_JAVA_MAJOR=${JPM_JAVA_MAJOR%%.*}
JPM_JAVA="$JPM_JAVA_HOME/bin/java"
export JAVA_HOME="$JPM_JAVA_HOME"

JPM_STAMP="$JPM_ROOT/tui/target/.jpm-built"

# Builds the jars (no tests) when they are missing or a source file is newer than the last build.
jpm_build_if_needed() {
  if [ -f "$JPM_STAMP" ] && [ -z "$(find "$JPM_ROOT/pom.xml" "$JPM_ROOT"/*/pom.xml "$JPM_ROOT"/*/src/main -newer "$JPM_STAMP" -print -quit 2>/dev/null)" ]; then
    return 0
  fi
  echo "jpm: building (first run or sources changed)..." >&2
  local log
  log=$(mktemp)
  if ! (cd "$JPM_ROOT" && ./mvnw -B -q -DskipTests package >"$log" 2>&1); then
    grep -E 'ERROR|BUILD' "$log" | head -30 >&2
    echo "jpm: build failed; full log in $log" >&2
    exit 1
  fi
  rm -f "$log"
  touch "$JPM_STAMP"
}

jpm_classpath() { # module
  local m="$1"
  echo "$JPM_ROOT/$m/target/jpm-$m.jar:$JPM_ROOT/$m/target/lib/*"
}
