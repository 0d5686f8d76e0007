#!/usr/bin/env bash
# Waits until the machine is quiet: all CPUs at least IDLE_PCT % idle (default 90) over a
# 3-second window, for at most MAX_WAIT seconds (default 120). Never fails: it prints what it saw,
# so that a benchmark run on a busy machine says so. Linux only (/proc/stat); elsewhere a no-op.
set -u
idle_pct="${IDLE_PCT:-90}"
max_wait="${MAX_WAIT:-120}"
[ -r /proc/stat ] || exit 0

sample() { awk '/^cpu / {idle=$5+$6; total=0; for (i=2; i<=NF; i++) total+=$i; print idle, total}' /proc/stat; }

waited=0
while :; do
  read -r i1 t1 < <(sample)
  sleep 3
  read -r i2 t2 < <(sample)
  waited=$((waited + 3))
  pct=$(( (t2 - t1) > 0 ? 100 * (i2 - i1) / (t2 - t1) : 100 ))
  if [ "$pct" -ge "$idle_pct" ]; then
    echo "wait-quiet: CPUs ${pct}% idle after ${waited}s"
    exit 0
  fi
  if [ "$waited" -ge "$max_wait" ]; then
    echo "wait-quiet: WARNING: CPUs only ${pct}% idle after ${waited}s; measuring anyway (expect noise)" >&2
    exit 0
  fi
done
