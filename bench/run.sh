#!/usr/bin/env bash
# Benchmarks `fleet lint` and `fleet audit --offline` as whole processes against a plain Python
# plistlib baseline (bench/py_uniqueness.py) on generated fleets of 10, 1,000 and 10,000 plists.
#
#   bench/run.sh                 all three sizes
#   SIZES="10 1000" bench/run.sh  some sizes only
#   RUNS_10=30 RUNS_1000=15 RUNS_10000=10 WARMUP=2  hyperfine's runs per size, and warmup runs
#   PYTHON=/path/to/python3      the Python to time (default /usr/bin/python3 when present)
#   QUIET=0                      do not wait for idle CPUs before each size (bench/wait-quiet.sh)
#   FLEET_HOME=DIR               time DIR/fleet.sh instead of the checkout's (e.g. a frozen copy made by
#                                bench/snapshot.sh, when the checkout is being edited during the run)
#
# Installs nothing. Needs hyperfine (Debian: apt-get install -y hyperfine), java, mvn for the first
# build, python3. Fleets go to bench/.work/N, results to bench/results/ (both gitignored):
#   bench/results/N.md, N.json   hyperfine's markdown table and raw JSON, per size
#   bench/results/machine.txt    what the figures were measured on
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
case "$here" in *[[:space:]]*)
  echo "run.sh: the checkout path '$here' contains white space, which the command lines below cannot carry" >&2; exit 3 ;;
esac
work="$here/bench/.work"
results="$here/bench/results"
sizes="${SIZES:-10 1000 10000}"
warmup="${WARMUP:-2}"

if ! command -v hyperfine >/dev/null 2>&1; then
  echo "run.sh: hyperfine not found; install it with: apt-get install -y hyperfine   (macOS: brew install hyperfine)" >&2
  exit 3
fi

# /usr/bin/python3 rather than a pyenv shim: the shim is a bash script that adds ~70 ms of its own
# start-up to every run, which is not Python's cost.
python="${PYTHON:-}"
if [ -z "$python" ]; then
  if [ -x /usr/bin/python3 ]; then python=/usr/bin/python3; else python="$(command -v python3)"; fi
fi
echo "run.sh: python used for the baseline: $python ($("$python" --version 2>&1))"

fleet_home="$(cd "${FLEET_HOME:-$here}" && pwd -P)"
fleet="$fleet_home/fleet.sh"
echo "run.sh: timing $fleet"

# Build once (fleet.sh builds the jar and its CDS archive when they are missing or stale), so
# that no timed run includes a build.
"$fleet" --version >/dev/null
jar_before="$(sha256sum "$fleet_home/target/openclaw-fleet.jar" | cut -c1-16)"

mkdir -p "$work" "$results"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//')"
  echo "ram: $(free -h 2>/dev/null | awk '/^Mem:/ {print $2}')"
  echo "os: $(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME") / $(uname -sr)"
  echo "java: $(java -version 2>&1 | tr '\n' ' ')"
  echo "python: $python $("$python" --version 2>&1)"
  echo "hyperfine: $(hyperfine --version)"
  echo "fleet: $fleet (jar sha256 $jar_before)"
  echo "load average before: $(cat /proc/loadavg 2>/dev/null)"
} > "$results/machine.txt"
cat "$results/machine.txt"

for n in $sizes; do
  runs_var="RUNS_$n"
  case "$n" in
    10) default_runs=30 ;;
    1000) default_runs=15 ;;
    *) default_runs=10 ;;
  esac
  runs="${!runs_var:-$default_runs}"
  dir="$work/$n"
  "$python" "$here/bench/make-fleet.py" "$n" "$dir"

  names=("fleet lint" "fleet audit --offline" "python lint-equivalent" "python audit-equivalent")
  commands=("$fleet lint agents"
            "$fleet audit --offline --agents-dir agents --root root"
            "$python $here/bench/py_uniqueness.py agents"
            "$python $here/bench/py_uniqueness.py agents root")

  # One untimed run of each: shows what it found, and whether hyperfine must ignore a failing exit.
  ignore=()
  for k in "${!commands[@]}"; do
    rc=0
    (cd "$dir" && ${commands[$k]}) >"$work/last-output.txt" 2>&1 || rc=$?
    summary="$(tail -n 1 "$work/last-output.txt")"
    echo "run.sh: [$n] ${names[$k]}: exit $rc: $summary"
    if [ "$rc" = 1 ]; then
      ignore=(-i)
    elif [ "$rc" != 0 ]; then
      echo "run.sh: ${names[$k]} failed (exit $rc) on the $n-plist fleet; not timing it" >&2
      exit 3
    fi
  done
  if [ ${#ignore[@]} -gt 0 ]; then
    echo "run.sh: [$n] a command exits 1 (findings): timing with hyperfine -i (ignore failure)"
  fi

  args=()
  for k in "${!commands[@]}"; do
    args+=(-n "${names[$k]}" "${commands[$k]}")
  done
  [ "${QUIET:-1}" = 0 ] || "$here/bench/wait-quiet.sh" | tee -a "$results/machine.txt"
  # -N: no intermediate shell, so the figures are the processes' own. Output goes to /dev/null.
  (cd "$dir" && hyperfine -N ${ignore[@]+"${ignore[@]}"} --warmup "$warmup" --runs "$runs" \
      --export-markdown "$results/$n.md" --export-json "$results/$n.json" "${args[@]}")
  echo "load average after the $n-plist runs: $(cat /proc/loadavg 2>/dev/null)" >> "$results/machine.txt"
done

echo "load average after: $(cat /proc/loadavg 2>/dev/null)" >> "$results/machine.txt"
jar_after="$(sha256sum "$fleet_home/target/openclaw-fleet.jar" | cut -c1-16)"
if [ "$jar_after" != "$jar_before" ]; then
  echo "run.sh: WARNING: $fleet_home/target/openclaw-fleet.jar changed during the run (rebuilt?): the figures mix two builds" >&2
fi
echo "run.sh: results in $results"
