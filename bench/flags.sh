#!/usr/bin/env bash
# JVM flag experiments for docs/performance.md: the same jar and fleet, different `java` flags.
# Runs java directly (not through fleet.sh) so that only the flags differ; `fleet.sh` itself is
# timed as the reference. Uses bench/interleave.py (round-robin runs) rather than hyperfine:
# the variants differ by 10-30 %, less than the swing a burst of load from another process
# causes on a small shared machine, and round-robin spreads such bursts over all variants.
#
#   bench/flags.sh                   sizes 10 and 10000 (fleets made by make-fleet.py if missing)
#   SIZES="10" RUNS=30 bench/flags.sh
#   FLEET_HOME=bench/.work/snapshot bench/flags.sh
#
# Writes bench/results/flags-N-lint.json and flags-N-audit.json, and bench/results/startup.json
# (JVM floor vs --version vs lint at 10 plists). Tables: bench/summarize.py --by median
#   --baseline "fleet.sh flags (app CDS, Serial, C1 only)" bench/results/flags-*.json
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
fleet_home="$(cd "${FLEET_HOME:-$here}" && pwd -P)"
work="$here/bench/.work"
results="$here/bench/results"
sizes="${SIZES:-10 10000}"
warmup="${WARMUP:-1}"
jar="$fleet_home/target/openclaw-fleet.jar"
jsa="$fleet_home/target/openclaw-fleet.jsa"
python="${PYTHON:-}"
if [ -z "$python" ]; then
  if [ -x /usr/bin/python3 ]; then python=/usr/bin/python3; else python="$(command -v python3)"; fi
fi

"$fleet_home/fleet.sh" --version >/dev/null   # builds the jar and the archive when needed
[ -f "$jsa" ] || { echo "flags.sh: $jsa is missing (fleet.sh's CDS training run failed?)" >&2; exit 3; }
mkdir -p "$results"

log="-Xlog:disable -Xlog:all=warning:stderr"
cds="-XX:SharedArchiveFile=$jsa -Xshare:auto"
# name|flags ; the first is exactly what fleet.sh runs today
variants=(
  "fleet.sh flags (app CDS, Serial, C1 only)|$cds $log -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
  "no TieredStopAtLevel (C1+C2)|$cds $log -XX:+UseSerialGC"
  "no app CDS (JDK's default CDS only)|-Xshare:auto $log -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
  "no CDS at all (-Xshare:off)|-Xshare:off $log -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
  "G1 (JVM default GC)|$cds $log -XX:TieredStopAtLevel=1"
  "ParallelGC|$cds $log -XX:+UseParallelGC -XX:TieredStopAtLevel=1"
  "Serial, -Xmn256m|$cds $log -XX:+UseSerialGC -Xmn256m -XX:TieredStopAtLevel=1"
  "one CPU (taskset -c 0), fleet.sh flags|TASKSET $cds $log -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
)

bench() { # size what args...
  local n="$1" what="$2"; shift 2
  local runs
  if [ "$n" -le 100 ]; then runs="${RUNS:-20}"; else runs="${RUNS:-8}"; fi
  local args=("fleet.sh (reference)=$fleet_home/fleet.sh $*")
  for v in "${variants[@]}"; do
    local name="${v%%|*}" flags="${v#*|}" prefix=""
    if [[ "$flags" == TASKSET* ]]; then prefix="taskset -c 0 "; flags="${flags#TASKSET }"; fi
    args+=("$name=${prefix}java $flags -jar $jar $*")
  done
  [ "${QUIET:-1}" = 0 ] || "$here/bench/wait-quiet.sh"
  echo "flags.sh: $n plists, $what ($runs rounds)"
  (cd "$work/$n" && "$python" "$here/bench/interleave.py" --runs "$runs" --warmup "$warmup" \
      --export-json "$results/flags-$n-$what.json" "${args[@]}" 2>/dev/null)
}

for n in $sizes; do
  [ -d "$work/$n/agents" ] || "$python" "$here/bench/make-fleet.py" "$n" "$work/$n"
  bench "$n" lint lint agents
  bench "$n" audit audit --offline --agents-dir agents --root root
done

# Where start-up goes, at 10 plists: a bare JVM, the JVM + picocli (--version), a full lint.
[ -d "$work/10/agents" ] || "$python" "$here/bench/make-fleet.py" 10 "$work/10"
[ "${QUIET:-1}" = 0 ] || "$here/bench/wait-quiet.sh"
echo "flags.sh: start-up at 10 plists"
(cd "$work/10" && "$python" "$here/bench/interleave.py" --runs "${RUNS:-30}" --warmup "$warmup" \
    --export-json "$results/startup.json" \
    "bash -c true (a bash script's own start)=bash -c true" \
    "python3 -c pass (Python's own start)=$python -c pass" \
    "java -version (JDK CDS, C1)=java -Xshare:auto -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -version" \
    "fleet --version (java direct, fleet.sh flags)=java $cds $log -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar $jar --version" \
    "fleet lint, 10 plists (java direct, fleet.sh flags)=java $cds $log -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar $jar lint agents" \
    "fleet audit --offline, 10 plists (java direct)=java $cds $log -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar $jar audit --offline --agents-dir agents --root root" \
    "fleet.sh --version=$fleet_home/fleet.sh --version" \
    "fleet.sh lint, 10 plists=$fleet_home/fleet.sh lint agents" \
    "python lint-equivalent, 10 plists=$python $here/bench/py_uniqueness.py agents" 2>/dev/null)
echo "flags.sh: results in $results"
