#!/usr/bin/env bash
# The aims of issue 12, measured in one interleaved run per fleet size (bench/interleave.py: round
# robin, so that load from elsewhere lands on every command alike), each command a whole process:
#   - fleet lint of 10 plists: at most 5 times the Python script on Java 25+, 8 times on Java 17;
#   - 10,000 plists: fleet lint and fleet audit --offline at most 1.3 times the Python script, with a
#     peak RSS under 150 MiB.
# Every fleet command runs through the launcher as a user runs it (fleet.sh of this checkout, with
# FLEET_JAVA_HOME set to each Java measured), next to the old fleet.sh (OLD_HOME) on its own Java.
#
#   bench/aims.sh                                   sizes 10 and 10000
#   SIZES=10 RUNS_10=40 bench/aims.sh
#   JAVAS="/usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-17-openjdk-amd64" bench/aims.sh
#   OLD_HOME=bench/.work/base bench/aims.sh         made by: bench/snapshot.sh bc724e6 bench/.work/base
#   QUIET=0                                         do not wait for idle CPUs first
#
# Writes bench/results/aims-N.json (interleave.py's layout) and prints bench/aims.py's verdicts.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
work="$here/bench/.work"
results="$here/bench/results"
sizes="${SIZES:-10 10000}"
python="${PYTHON:-}"
if [ -z "$python" ]; then
  if [ -x /usr/bin/python3 ]; then python=/usr/bin/python3; else python="$(command -v python3)"; fi
fi
javas="${JAVAS:-}"
if [ -z "$javas" ]; then
  for j in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-17-openjdk-amd64; do
    [ -x "$j/bin/java" ] && javas="$javas $j"
  done
fi
old_home="$(cd "${OLD_HOME:-$work/base}" 2>/dev/null && pwd -P || echo "${OLD_HOME:-$work/base}")"
fleet="$here/fleet.sh"
mkdir -p "$results" "$work"
export FLEET_CACHE_DIR="${FLEET_CACHE_DIR:-$work/cache}"

java_version() { # major version from the release file
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
}

"$fleet" --version >/dev/null # builds the jar when needed, so that no timed run includes a build
for n in $sizes; do
  dir="$work/$n"
  [ -d "$dir/agents" ] || "$python" "$here/bench/make-fleet.py" "$n" "$dir"
  cmds=("python lint-equivalent=$python $here/bench/py_uniqueness.py agents"
        "python audit-equivalent=$python $here/bench/py_uniqueness.py agents root")
  for j in $javas; do
    v=$(java_version "$j")
    cmds+=("fleet lint (Java $v)=env FLEET_JAVA_HOME=$j $fleet lint agents"
           "fleet audit --offline (Java $v)=env FLEET_JAVA_HOME=$j $fleet audit --offline --agents-dir agents --root root")
  done
  if [ -x "$old_home/fleet.sh" ]; then
    # The old launcher on the first (newest) Java measured, as it would pick itself.
    j=${javas# }; j=${j%% *}
    v=$(java_version "$j")
    cmds+=("old fleet lint (Java $v)=env FLEET_JAVA_HOME=$j $old_home/fleet.sh lint agents"
           "old fleet audit --offline (Java $v)=env FLEET_JAVA_HOME=$j $old_home/fleet.sh audit --offline --agents-dir agents --root root")
  fi
  # One run of each first: makes the start-up caches (never timed) and shows what each prints last.
  for c in "${cmds[@]}"; do
    (cd "$dir" && ${c#*=} 2>&1 >/dev/null | tail -n 1 | sed "s|^|aims.sh: [$n] ${c%%=*}: |") || true
  done
  runs_var="RUNS_$n"
  if [ "$n" -le 100 ]; then default_runs=30; else default_runs=8; fi
  [ "${QUIET:-1}" = 0 ] || "$here/bench/wait-quiet.sh"
  echo "aims.sh: $n plists, ${!runs_var:-$default_runs} rounds; load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
  (cd "$dir" && "$python" "$here/bench/interleave.py" --runs "${!runs_var:-$default_runs}" --warmup 1 \
      --export-json "$results/aims-$n.json" "${cmds[@]}")
done
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//'), nproc $(nproc)"
  echo "load average after: $(cat /proc/loadavg 2>/dev/null)"
  for j in $javas; do echo "java: $("$j/bin/java" -version 2>&1 | sed -n 2p)"; done
  echo "python: $("$python" --version 2>&1)"
  echo "commit: $(git -C "$here" rev-parse --short HEAD)$(git -C "$here" diff --quiet || echo '+changes')"
  [ -f "$old_home/REVISION" ] && echo "old: $(cat "$old_home/REVISION")"
} > "$results/aims-machine.txt"
cat "$results/aims-machine.txt"
"$python" "$here/bench/aims.py" "$results"/aims-*.json
