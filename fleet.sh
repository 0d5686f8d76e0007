#!/usr/bin/env bash
# Runs openclaw-fleet from a clone: builds target/openclaw-fleet.jar when it is missing or older
# than the sources (one progress line per build phase on stderr), then runs it with every argument,
# through the release launcher's Java search and start-up cache (src/main/dist/bin/fleet explains
# both). Works from any directory, and through a symlink (e.g. ~/bin/fleet -> clone/fleet.sh).
set -euo pipefail

# The clone: where this script really is, links followed.
fleet_sh=${BASH_SOURCE[0]}
while [ -L "$fleet_sh" ]; do
  fleet_link=$(readlink "$fleet_sh")
  case $fleet_link in
    /*) fleet_sh=$fleet_link ;;
    *) case $fleet_sh in */*) fleet_sh=${fleet_sh%/*}/$fleet_link ;; *) fleet_sh=$fleet_link ;; esac ;;
  esac
done
case $fleet_sh in */*) here=${fleet_sh%/*} ;; *) here=. ;; esac
here=$(CDPATH= cd -P -- "${here:-/}" && pwd)
if [ ! -f "$here/pom.xml" ] || [ ! -f "$here/src/main/dist/bin/fleet" ]; then
  echo "fleet.sh: $here is not an openclaw-fleet clone (no pom.xml or src/main/dist/bin/fleet next to fleet.sh)" >&2
  exit 3
fi

# shellcheck source=src/main/dist/bin/fleet
. "$here/src/main/dist/bin/fleet"
fleet_me=fleet.sh
jar=$here/target/openclaw-fleet.jar

stale() {
  [ ! -f "$jar" ] && return 0
  [ -n "$(find "$here/pom.xml" "$here/src/main" "$here/src/build" -newer "$jar" -print -quit 2>/dev/null)" ]
}

# One line per build phase, from Maven's output; the whole output goes to $1.
build_progress() {
  local log=$1 line downloading=0
  while IFS= read -r line; do
    printf '%s\n' "$line" >> "$log"
    case $line in
      *"Downloading from"*)
        [ $downloading = 1 ] || fleet_say "  downloading Maven plugins and dependencies (first build only)"
        downloading=1 ;;
      *"Compiling 1 source file"*) fleet_say "  compiling 1 source file" ;;
      *"Compiling "*" source files"*) line=${line#*Compiling }; fleet_say "  compiling ${line%% source files*} source files" ;;
      *"Nothing to compile"*) fleet_say "  the classes are up to date" ;;
      *"RetargetPicocli: "*) fleet_say "  rewriting picocli's Java 5 classes as Java 8 ones (faster start-up)" ;;
      *"--- "*jar*":jar "*) fleet_say "  packaging the jar" ;;
      *"--- "*shade*":shade "*) fleet_say "  adding its dependencies (picocli, dd-plist, Jackson, Commons Compress)" ;;
      *"--- "*assembly*":single "*) fleet_say "  packing the release archive (man pages, completion scripts)" ;;
    esac
  done
}

build() {
  if ! command -v mvn >/dev/null 2>&1; then
    fleet_say "the jar needs building but mvn is not on PATH: install Maven (macOS: brew install maven)"
    exit 3
  fi
  local log start=$SECONDS
  log=$(mktemp "${TMPDIR:-/tmp}/fleet-build.XXXXXX")
  fleet_say "building target/openclaw-fleet.jar (first run, or the sources changed)"
  # The Java found above builds it too (Maven needs a JDK: Homebrew's openjdk is not on PATH).
  if ! (cd "$here" && JAVA_HOME=$fleet_java_home mvn -B -Dmaven.test.skip=true package 2>&1) | build_progress "$log"; then
    cat "$log" >&2
    rm -f "$log"
    fleet_say "the build failed (Maven's output above)"
    exit 3
  fi
  rm -f "$log"
  fleet_say "  built in $((SECONDS - start)) s"
}

fleet_find_java || exit 3
if stale; then
  # Two runs at once build once: the second waits for the first.
  lock=$here/target/.fleet-build.lock
  mkdir -p "$here/target"
  waited=0
  until mkdir "$lock" 2>/dev/null; do
    if [ $waited = 0 ]; then fleet_say "waiting for another fleet.sh that is building the jar"; fi
    sleep 1
    waited=$((waited + 1))
    if [ $waited -ge 900 ]; then rmdir "$lock" 2>/dev/null || true; fi
  done
  trap 'rmdir "$lock" 2>/dev/null || true' EXIT
  if stale; then build; fi
  rmdir "$lock" 2>/dev/null || true
  trap - EXIT
fi
fleet_cp=$jar
fleet_exec "$@"
