#!/usr/bin/env python3
"""Turns hyperfine JSON exports into the markdown tables of docs/performance.md.

Usage: summarize.py [--baseline NAME] [--by mean|median] RESULT.json...

For each file: one row per command with mean ± σ, median, min, user and system CPU time (ms)
(hyperfine: mean user/system; interleave.py: median user/system), and the
ratio of its mean to a baseline's mean. Default baseline: the Python counterpart, i.e.
"fleet lint" against "python lint-equivalent" and "fleet audit ..." against "python
audit-equivalent" (the names bench/run.sh uses); with --baseline NAME, that command for every row
(for the flag experiments: --baseline "fleet.sh flags (app CDS, Serial, C1 only)").
"""
import json
import os
import sys


def ms(seconds):
    return f"{seconds * 1000:.0f}" if seconds >= 0.1 else f"{seconds * 1000:.1f}"


def table(path, baseline=None, by="mean"):
    with open(path) as f:
        results = json.load(f)["results"]
    by_name = {r["command"]: r for r in results}

    def base_of(r):
        if baseline:
            return by_name.get(baseline, results[0])
        name = r["command"]
        if name.startswith("fleet lint"):
            return by_name.get("python lint-equivalent", r)
        if name.startswith("fleet audit"):
            return by_name.get("python audit-equivalent", r)
        return r

    title = os.path.basename(path)
    what = f"`{baseline}`" if baseline else "the Python counterpart"
    lines = [f"**{title}** (ratio: {by} / {by} of {what})", "",
             "| command | mean ± σ (ms) | median (ms) | min (ms) | user (ms) | sys (ms) | ratio |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        ratio = r[by] / base_of(r)[by]
        lines.append(f"| {r['command']} | {ms(r['mean'])} ± {ms(r['stddev'] or 0)} | {ms(r['median'])} | {ms(r['min'])} | {ms(r['user'])} "
                     f"| {ms(r['system'])} | {ratio:.2f} |")
    return "\n".join(lines)


def main(argv):
    baseline = None
    by = "mean"
    files = []
    k = 1
    while k < len(argv):
        if argv[k] == "--baseline":
            baseline = argv[k + 1]
            k += 2
        elif argv[k] == "--by":
            by = argv[k + 1]
            k += 2
        else:
            files.append(argv[k])
            k += 1
    if not files:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    print("\n\n".join(table(p, baseline, by) for p in files))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
