#!/usr/bin/env python3
"""The comparison baseline for the benchmark: fleet-wide uniqueness checks in plain Python.

Usage: py_uniqueness.py AGENTS_DIR [ROOT]

Reads every *.plist in AGENTS_DIR with the standard library's plistlib and checks what
`fleet lint` checks across plists:
  duplicate Label, duplicate --port, duplicate OPENCLAW_STATE_DIR (normalised, case-folded),
  derived-port collision (one instance's B, B+2 or B+11 equals another's, different bases),
  port spacing (neighbouring base ports less than 20 apart without colliding: a warning).
With ROOT it also does what `fleet audit --offline` adds for each instance: stats its state dir
(exists, is a directory, mode 0700), reads and parses its openclaw.json (JSON), compares
gateway.port with --port, checks the config's mode (0600), finds duplicate gateway tokens, and
lists ROOT for .openclaw-* dirs that no plist uses.

Prints one summary line; exits 1 when an error-level problem was found, else 0 (like fleet).
Plain, sequential, standard library only: no multiprocessing, no caching, no deliberate slowness.
"""
import json
import os
import plistlib
import stat
import sys

OFFSETS = (0, 2, 11)  # gateway, browser control, default CDP
SPACING = 20
HIGHEST_BASE = 65535 - 110


def port_of(args):
    """The value after --port (or of --port=P) in ProgramArguments, as an int, else None."""
    if not isinstance(args, list):
        return None
    for k, a in enumerate(args):
        value = None
        if a == "--port" and k + 1 < len(args):
            value = args[k + 1]
        elif isinstance(a, str) and a.startswith("--port="):
            value = a[len("--port="):]
        if value is not None:
            return int(value) if isinstance(value, str) and value.isdigit() and len(value) <= 6 else None
    return None


def read_plists(agents_dir):
    instances = []  # (path, label, port, state_dir, config_path)
    unreadable = 0
    paths = sorted(e.path for e in os.scandir(agents_dir) if e.name.endswith(".plist") and e.is_file())
    for path in paths:
        try:
            with open(path, "rb") as f:
                job = plistlib.load(f)
        except Exception:
            unreadable += 1
            continue
        if not isinstance(job, dict):
            unreadable += 1
            continue
        env = job.get("EnvironmentVariables")
        env = env if isinstance(env, dict) else {}
        state = env.get("OPENCLAW_STATE_DIR") or None
        config = env.get("OPENCLAW_CONFIG_PATH") or (os.path.join(state, "openclaw.json") if state else None)
        label = job.get("Label") if isinstance(job.get("Label"), str) else None
        instances.append((path, label, port_of(job.get("ProgramArguments")), state, config))
    return len(paths), unreadable, instances


def groups_sharing(instances, key):
    seen = {}
    for inst in instances:
        k = key(inst)
        if k is not None:
            seen.setdefault(k, []).append(inst)
    return sum(1 for g in seen.values() if len(g) > 1)


def collides(low, high):
    mine = {low + off for off in OFFSETS}
    return any(high + off in mine for off in OFFSETS)


def fleet_checks(instances):
    dup_labels = groups_sharing(instances, lambda i: i[1])
    dup_ports = groups_sharing(instances, lambda i: i[2])
    dup_states = groups_sharing(instances, lambda i: os.path.normpath(i[3]).lower() if i[3] else None)

    members = [(k, i[2]) for k, i in enumerate(instances) if i[2] is not None and 1 <= i[2] <= HIGHEST_BASE]
    by_port = {}
    for k, base in members:
        for off in OFFSETS:
            by_port.setdefault(base + off, []).append((k, base))
    collisions = set()  # pairs of instances (not of ports), as fleet lint reports them
    for users in by_port.values():
        if len(users) > 1:
            for a in range(len(users)):
                for b in range(a + 1, len(users)):
                    (ka, ba), (kb, bb) = users[a], users[b]
                    if ba != bb:  # equal bases are duplicate-port's business
                        collisions.add((min(ka, kb), max(ka, kb)))

    spacing = 0
    ordered = sorted(base for _, base in members)
    for low, high in zip(ordered, ordered[1:]):
        gap = high - low
        if 0 < gap < SPACING and not collides(low, high):
            spacing += 1
    return dup_labels, dup_ports, dup_states, len(collisions), spacing


def state_checks(instances, root):
    missing_dirs = bad_modes = missing_configs = invalid_configs = mismatches = 0
    tokens = {}
    used = set()
    for path, label, port, state, config in instances:
        if state:
            used.add(os.path.normpath(state).lower())
            try:
                st = os.stat(state)
                if not stat.S_ISDIR(st.st_mode):
                    missing_dirs += 1
                elif st.st_mode & 0o077:
                    bad_modes += 1
            except OSError:
                missing_dirs += 1
        if not config:
            continue
        try:
            with open(config, "rb") as f:
                st = os.fstat(f.fileno())
                data = json.loads(f.read())
        except FileNotFoundError:
            missing_configs += 1
            continue
        except (OSError, ValueError):
            invalid_configs += 1
            continue
        if st.st_mode & 0o077:
            bad_modes += 1
        gateway = data.get("gateway") if isinstance(data, dict) else None
        gateway = gateway if isinstance(gateway, dict) else {}
        if port is not None and gateway.get("port") is not None and gateway.get("port") != port:
            mismatches += 1
        auth = gateway.get("auth")
        token = auth.get("token") if isinstance(auth, dict) else None
        if isinstance(token, str):
            tokens[token] = tokens.get(token, 0) + 1
    dup_tokens = sum(1 for n in tokens.values() if n > 1)
    orphans = 0
    if os.path.isdir(root):
        for e in os.scandir(root):
            if e.name.startswith(".openclaw-") and e.is_dir() and os.path.normpath(e.path).lower() not in used:
                orphans += 1
    return missing_dirs, bad_modes, missing_configs, invalid_configs, mismatches, dup_tokens, orphans


def main(argv):
    if len(argv) not in (2, 3):
        print("usage: py_uniqueness.py AGENTS_DIR [ROOT]", file=sys.stderr)
        return 2
    files, unreadable, instances = read_plists(argv[1])
    labels, ports, states, derived, spacing = fleet_checks(instances)
    errors = unreadable + labels + ports + states + derived
    line = (f"py_uniqueness: {files} plists, {len(instances)} instances, {unreadable} unreadable; duplicate labels {labels},"
            f" duplicate ports {ports}, duplicate state dirs {states}, derived-port collisions {derived},"
            f" port-spacing warnings {spacing}")
    if len(argv) == 3:
        root = os.path.abspath(argv[2])
        missing, modes, no_config, invalid, mismatch, tokens, orphans = state_checks(instances, root)
        errors += missing + no_config + invalid + mismatch + tokens
        line += (f"; state: missing state dirs {missing}, bad modes {modes}, missing configs {no_config},"
                 f" invalid configs {invalid}, port mismatches {mismatch}, duplicate tokens {tokens}, orphan dirs {orphans}")
    print(line)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
