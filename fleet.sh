#!/usr/bin/env bash
# Runs openclaw-fleet from a checkout: builds target/openclaw-fleet.jar when it is missing or older
# than the sources, then runs it with every argument. Works from any current directory.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
jar="$here/target/openclaw-fleet.jar"
# Class-data-sharing archive of the classes a run loads: cuts JVM start-up roughly in half.
jsa="$here/target/openclaw-fleet.jsa"

if ! command -v java >/dev/null 2>&1; then
  echo "fleet.sh: java not found on PATH: install a JDK 17 or newer (macOS: brew install openjdk@17)" >&2
  exit 3
fi

stale() {
  [ ! -f "$jar" ] && return 0
  [ -n "$(find "$here/pom.xml" "$here/src/main" -newer "$jar" -print -quit 2>/dev/null)" ]
}

if stale; then
  if ! command -v mvn >/dev/null 2>&1; then
    echo "fleet.sh: the jar needs building but mvn is not on PATH: install Maven (macOS: brew install maven)" >&2
    exit 3
  fi
  echo "fleet.sh: building target/openclaw-fleet.jar (first run, or the sources changed)..." >&2
  log="$(mktemp "${TMPDIR:-/tmp}/fleet-build.XXXXXX")"
  if ! (cd "$here" && mvn -B -q -DskipTests package) >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "fleet.sh: the build failed (output above)" >&2
    exit 3
  fi
  rm -f "$log" "$jsa"
fi

# A jar rebuilt by `mvn package` (not by this script) leaves the archive stale: the JVM would refuse it.
if [ ! -f "$jsa" ] || [ "$jsa" -ot "$jar" ]; then
  rm -f "$jsa"
  # Train the archive with an offline audit of the bundled fleet: it loads what lint loads, plus the
  # config reader. Findings (exit 1, e.g. a checkout made under umask 002) still leave a good archive;
  # only a crash (exit > 1) discards it. A missing archive costs start-up time, never correctness.
  status=0
  java -XX:ArchiveClassesAtExit="$jsa" -Xlog:disable -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$jar" audit --offline \
    --agents-dir "$here/launchagents" --root "$here/target/cds-training-root" >/dev/null 2>&1 || status=$?
  [ "$status" -le 1 ] || rm -f "$jsa"
fi

cds=()
if [ -f "$jsa" ]; then
  cds=(-XX:SharedArchiveFile="$jsa" -Xshare:auto)
fi
# JVM warnings still reach stderr, except class-data-sharing ones: a refused archive only costs time.
exec java "${cds[@]}" -Xlog:disable -Xlog:all=warning:stderr -Xlog:cds=off -Xlog:cds+dynamic=off \
  -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$jar" "$@"
