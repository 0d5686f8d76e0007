#!/usr/bin/env python3
"""Tables and verdicts for bench/aims.sh: each fleet command against its Python counterpart.

Usage: aims.py RESULTS/aims-N.json...

Ratios are of medians (interleave.py's rounds are paired: every command ran once per round).
The aims (issue 12): lint of 10 plists <= 5 x Python on Java 25+, <= 8 x on Java 17; at 10,000
plists lint and audit --offline <= 1.3 x, peak RSS < 150 MiB. Old fleet.sh rows are shown for
comparison, without a verdict.
"""
import json
import os
import re
import sys


def verdict(size, name, ratio, rss):
    if name.startswith("old ") or name.startswith("python"):
        return ""
    java = int(re.search(r"Java (\d+)", name).group(1)) if re.search(r"Java (\d+)", name) else 0
    if size <= 100:
        if not name.startswith("fleet lint"):
            return ""
        limit = 5 if java >= 25 else 8
        return f"{'met' if ratio <= limit else 'NOT met'} (<= {limit} x)"
    ok = ratio <= 1.3 and rss < 150
    return f"{'met' if ok else 'NOT met'} (<= 1.3 x, < 150 MiB)"


def main(paths):
    for path in paths:
        size = int(re.search(r"aims-(\d+)\.json", os.path.basename(path)).group(1))
        with open(path) as f:
            results = json.load(f)["results"]
        by = {r["command"]: r for r in results}
        print(f"\n{size} plists ({os.path.basename(path)})\n")
        print("| command | median | mean ± σ | user | sys | peak RSS | × Python | aim |")
        print("|---|---:|---:|---:|---:|---:|---:|---|")
        for r in results:
            name = r["command"]
            base = by.get("python audit-equivalent" if "audit" in name else "python lint-equivalent", r)
            ratio = r["median"] / base["median"]
            rss = r.get("max_rss_kib", 0) / 1024
            print(f"| {name} | {r['median'] * 1000:.0f} ms | {r['mean'] * 1000:.0f} ± {r['stddev'] * 1000:.0f} ms"
                  f" | {r['user'] * 1000:.0f} ms | {r['system'] * 1000:.0f} ms | {rss:.0f} MiB | {ratio:.2f}"
                  f" | {verdict(size, name, ratio, rss)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
