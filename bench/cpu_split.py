#!/usr/bin/env python3
"""Where the CPU of a multi-host audit goes: the auditor against the "Macs" (bench/hosts.sh).

Usage: cpu_split.py RUNS SSHD_PIDS_FILE NAME=COMMAND...

Runs each COMMAND (a shell command line) RUNS times, one after the other, and prints per command
the mean wall time, the auditor's CPU (user + system of the command and everything it waited for:
the launcher, the JVM and its ssh clients) and the hosts' CPU (user + system that the loopback
"Macs" spent meanwhile: every sshd's reaped children, i.e. the SSH sessions, the collector shell
and all it ran there: stat, head, base64, the launchctl stand-in, lsof, ps). Linux only (/proc).
Two lower bounds on the wall time follow: (auditor + hosts) / CPUs when both sides share every
CPU, max(auditor, hosts) when each side is pinned to its own CPU (PIN=1 in bench/hosts.sh).
"""
import os
import resource
import subprocess
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")


def hosts_cpu(pids):
    """CPU seconds the sshd masters' reaped children used so far (cutime + cstime)."""
    total = 0
    for pid in pids:
        try:
            with open("/proc/%d/stat" % pid) as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[13]) + int(fields[14])  # cutime, cstime (fields 16 and 17 of stat)
    return total / TICK


def main(argv):
    runs = int(argv[1])
    with open(argv[2]) as f:
        pids = [int(line) for line in f if line.strip()]
    cpus = os.cpu_count() or 1
    print("%-44s %8s %10s %10s %12s %12s" % ("command (mean of %d runs)" % runs, "wall s", "auditor s", "hosts s",
                                             "(a+h)/%d s" % cpus, "max(a,h) s"))
    for spec in argv[3:]:
        name, command = spec.split("=", 1)
        wall = auditor = hosts = 0.0
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            h0 = hosts_cpu(pids)
            t0 = time.monotonic()
            subprocess.run(command, shell=True, stdout=subprocess.DEVNULL, check=False)
            wall += time.monotonic() - t0
            time.sleep(0.5)  # every SSH session on the far side ended and was reaped
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            hosts += hosts_cpu(pids) - h0
            auditor += (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        wall, auditor, hosts = wall / runs, auditor / runs, hosts / runs
        print("%-44s %8.2f %10.2f %10.2f %12.2f %12.2f" % (name, wall, auditor, hosts, (auditor + hosts) / cpus, max(auditor, hosts)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
