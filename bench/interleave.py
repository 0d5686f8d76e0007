#!/usr/bin/env python3
"""Times several command lines round-robin, for comparisons on a machine that is not quiet.

Usage: interleave.py [--runs R] [--warmup W] [--export-json FILE] NAME=COMMAND...

hyperfine runs all of one command's runs, then all of the next one's: a burst of load from
elsewhere then lands on one command only and skews the comparison. Here round r runs every
command once, in a shuffled order (seeded, so repeatable), so bursts spread over all of them.
Reports median, mean ± σ, min, median user/system CPU time and the peak resident set size (the
largest ru_maxrss of its runs) of each command, and writes a JSON file in hyperfine's layout
(results[].command/mean/stddev/median/min/max/user/system/times, plus max_rss_kib) that
bench/summarize.py reads. Commands are split on white space (no shell); output goes to
/dev/null; a non-zero exit other than 1 (findings) stops the run.
"""
import json
import os
import random
import statistics
import subprocess
import sys
import time


def run_once(argv):
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"interleave: {' '.join(argv)} exited {proc.returncode}")
    rss_kib = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss  # bytes on macOS, KiB on Linux
    return wall, usage.ru_utime, usage.ru_stime, rss_kib


def main(argv):
    runs, warmup, export = 10, 1, None
    commands = []
    k = 1
    while k < len(argv):
        a = argv[k]
        if a in ("--runs", "--warmup", "--export-json"):
            value = argv[k + 1]
            if a == "--runs":
                runs = int(value)
            elif a == "--warmup":
                warmup = int(value)
            else:
                export = value
            k += 2
            continue
        name, _, command = a.partition("=")
        commands.append((name, command.split()))
        k += 1
    if not commands:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    for name, c in commands:  # one checked run each: a command that fails is named, not timed as "fast"
        check = subprocess.run(c, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, errors="replace")
        if check.returncode != 0:
            first = (check.stderr.strip().splitlines() or ["(no stderr)"])[0]
            print(f"interleave: WARNING: {name}: exit {check.returncode}: {first}", file=sys.stderr)
    for _ in range(warmup):
        for _, c in commands:
            run_once(c)
    samples = {name: [] for name, _ in commands}
    rng = random.Random(20261121)
    for r in range(runs):
        order = list(commands)
        rng.shuffle(order)
        for name, c in order:
            samples[name].append(run_once(c))
        print(f"interleave: round {r + 1}/{runs} done", file=sys.stderr)
    results = []
    for name, c in commands:
        walls = [s[0] for s in samples[name]]
        results.append({
            "command": name, "argv": c, "times": walls,
            "mean": statistics.mean(walls), "stddev": statistics.stdev(walls) if len(walls) > 1 else 0.0,
            "median": statistics.median(walls), "min": min(walls), "max": max(walls),
            "user": statistics.median(s[1] for s in samples[name]),
            "system": statistics.median(s[2] for s in samples[name]),
            "max_rss_kib": max(s[3] for s in samples[name]),
        })
    width = max(len(r["command"]) for r in results)
    print(f"{'command':{width}}  median ms  mean ± σ ms      min ms  user ms  sys ms  peak RSS MiB")
    for r in results:
        print(f"{r['command']:{width}}  {r['median'] * 1000:9.0f}  {r['mean'] * 1000:6.0f} ± {r['stddev'] * 1000:5.0f}"
              f"  {r['min'] * 1000:7.0f}  {r['user'] * 1000:7.0f}  {r['system'] * 1000:6.0f}  {r['max_rss_kib'] / 1024:12.0f}")
    if export:
        with open(export, "w") as f:
            json.dump({"tool": "bench/interleave.py", "runs": runs, "warmup": warmup, "results": results}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
