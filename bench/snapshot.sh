#!/usr/bin/env bash
# Freezes the code under test in bench/.work/snapshot: the tracked files of a commit (default HEAD),
# plus the checkout's fleet.sh when that commit has none, built there with its own target/ and CDS
# archive by the snapshot's own fleet.sh.
#
#   bench/snapshot.sh [REV [DIR]]          DIR defaults to bench/.work/snapshot
#   FLEET_HOME=bench/.work/snapshot bench/run.sh
#   bench/snapshot.sh bc724e6 bench/.work/base   # the "old" side of bench/aims.sh
#
# Why: ./fleet.sh rebuilds target/ whenever src/main is newer than the jar. When the checkout is
# being edited (or `mvn test` runs in it) during a benchmark, the timed jar can change under the
# benchmark, and fleet.sh's own `mvn package` can race another build in the same target/.
# The snapshot reads the repository (git archive) and writes only under bench/.work/.
# tar.umask=0022: git archive's default (0002) would leave launchagents/*.plist group-writable
# (mode 0664), lint would then exit 1 in fleet.sh's CDS training run, and fleet.sh would delete
# the archive.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
rev="${1:-HEAD}"
snap="${2:-$here/bench/.work/snapshot}"
case "$snap" in /*) ;; *) snap="$PWD/$snap" ;; esac

commit="$(git -C "$here" rev-parse --verify "$rev^{commit}")"
rm -rf "$snap"
mkdir -p "$snap"
git -C "$here" -c tar.umask=0022 archive "$commit" | tar -x -C "$snap"
if [ ! -f "$snap/fleet.sh" ]; then
  cp -p "$here/fleet.sh" "$snap/fleet.sh"
  echo "snapshot.sh: $rev has no fleet.sh; copied the checkout's (sha256 $(sha256sum "$here/fleet.sh" | cut -c1-12))"
fi
echo "$commit" > "$snap/REVISION"
"$snap/fleet.sh" --version >/dev/null
if [ ! -f "$snap/target/openclaw-fleet.jsa" ]; then
  # fleet.sh deletes the archive when its training run (lint of launchagents/) exits non-zero.
  echo "snapshot.sh: WARNING: no CDS archive was made; the figures would not be fleet.sh's usual ones" >&2
fi
echo "snapshot.sh: $snap is commit $commit, built: $(ls "$snap/target/"*.jar "$snap/target/"*.jsa 2>/dev/null | tr '\n' ' ')"
