#!/usr/bin/env python3
"""Summarises JFR execution samples: where a fleet run spends its CPU.

Usage: jfr_top.py [--top N] FILE.jfr...

Record with, e.g.:
  java <fleet.sh's flags> -Dfleet.systemExit=true -XX:StartFlightRecording=filename=lint.jfr,settings=profile \\
       -jar target/openclaw-fleet.jar lint agents >/dev/null

Prints, over all files' jdk.ExecutionSample events: the hottest top frames (self time), the
methods present in most stacks (inclusive), and the share of samples under a few named phases.
Only Java threads in Java code are sampled: JVM start-up, class loading done in native code,
JIT compilation and GC do not show up here (see -Xlog:class+load, -Xlog:gc, -XX:+CITime).
"""
import collections
import json
import subprocess
import sys

PHASES = [
    ("plist XML parse (JDK DOM parser via SafeXml)", "dev.openclawfleet.plist.SafeXml.parse"),
    ("plist DOM -> NSObject (dd-plist)", "com.dd.plist.XMLPropertyListParser.parse"),
    ("plist bytes -> Java values (PlistParser.toJava)", "dev.openclawfleet.plist.PlistParser.toJava"),
    ("file attributes + read (SafeFiles.read)", "dev.openclawfleet.system.SafeFiles.read"),
    ("classify (PlistClassifier.classify)", "dev.openclawfleet.audit.PlistClassifier.classify"),
    ("config read (ConfigReader.read)", "dev.openclawfleet.state.ConfigReader.read"),
    ("state dir stat (SafeFiles.directoryMode)", "dev.openclawfleet.system.SafeFiles.directoryMode"),
    ("rules (Checker.lint/audit)", "dev.openclawfleet.audit.Checker.lint"),
    ("all rules incl. state rules (Checker.audit)", "dev.openclawfleet.audit.Checker.audit"),
    ("report sort (Checker.report)", "dev.openclawfleet.audit.Checker.report"),
    ("rendering (Renderer.render)", ".render("),
    ("picocli (CommandLine.<init>/execute)", "picocli.CommandLine.<init>"),
]


def frames(event):
    out = []
    for f in event["values"]["stackTrace"]["frames"]:
        m = f["method"]
        out.append(m["type"]["name"].replace("/", ".") + "." + m["name"])
    return out


def main(argv):
    top = 25
    files = []
    k = 1
    while k < len(argv):
        if argv[k] == "--top":
            top = int(argv[k + 1])
            k += 2
        else:
            files.append(argv[k])
            k += 1
    if not files:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    self_count = collections.Counter()
    incl_count = collections.Counter()
    phase_count = collections.Counter()
    total = 0
    for path in files:
        data = json.loads(subprocess.run(["jfr", "print", "--json", "--stack-depth", "256", "--events",
                                          "jdk.ExecutionSample", path], check=True, capture_output=True).stdout)
        for event in data["recording"]["events"]:
            fr = frames(event)
            if not fr:
                continue
            total += 1
            self_count[fr[0]] += 1
            for m in set(fr):
                incl_count[m] += 1
            # a method "name(" match: frames() has no parameter list, so match on the name part
            joined = "\n".join(f + "(" for f in fr)
            for label, needle in PHASES:
                if needle in joined if needle.endswith("(") else needle + "(" in joined:
                    phase_count[label] += 1
    print(f"{total} samples from {len(files)} recording(s)")
    print("\nphases (inclusive; a sample can count in more than one):")
    for label, _ in PHASES:
        n = phase_count[label]
        print(f"  {100.0 * n / max(total, 1):5.1f}%  {n:6d}  {label}")
    print(f"\ntop {top} self frames:")
    for m, n in self_count.most_common(top):
        print(f"  {100.0 * n / total:5.1f}%  {n:6d}  {m}")
    print(f"\ntop {top} inclusive frames:")
    for m, n in incl_count.most_common(top):
        print(f"  {100.0 * n / total:5.1f}%  {n:6d}  {m}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
