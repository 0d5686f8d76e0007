#!/usr/bin/env python3
"""Generate a benchmark fleet of N OpenClaw gateway instances.

Usage: make-fleet.py N OUTDIR

Writes, for i in 0..N-1 and NAME = b%05d:
  OUTDIR/agents/ai.openclaw.NAME.plist      mode 0644, the exact key layout and bytes of
                                            `fleet generate NAME --port P --root OUTDIR/root ...`
  OUTDIR/root/.openclaw-NAME/               mode 0700
  OUTDIR/root/.openclaw-NAME/logs/          mode 0700
  OUTDIR/root/.openclaw-NAME/openclaw.json  mode 0600, gateway.port = P and a unique 64-hex token

Ports. Each gateway occupies its base port B plus B+2 (browser control) and B+11 (default CDP).
Base ports start at 18789 and are spaced S apart, where S is the largest spacing <= 20 that
keeps the highest base port <= 65425 (the highest usable base) and whose multiples never equal
2, 9 or 11 (the differences that would make one instance's B, B+2 or B+11 hit another's):
  N <= 2332      S = 20: the fleet is lint-clean and audit-clean (0 findings).
  N = 10,000     S = 4 (bases 18789 .. 58785): still no duplicate port and no derived-port
                 collision (B, B+2, B+11 fall in three different residues mod 4), but every
                 neighbouring pair is < 20 apart, so lint/audit report N-1 port-spacing WARNINGS.
                 Warnings do not change the exit code (0). 10,000 bases 20 apart would need
                 ~200,000 ports, so some port-spacing warnings are unavoidable at that size.

Output is deterministic: the same N and OUTDIR give the same bytes (tokens are SHA-256 of the
instance name). The plists hold absolute paths, so they name OUTDIR's real path.
OUTDIR must be empty, missing, or a fleet made by this script (its agents/ and root/ are replaced).
"""
import hashlib
import json
import os
import plistlib
import shutil
import sys

FIRST_PORT = 18789
HIGHEST_BASE = 65535 - 110
RECOMMENDED_SPACING = 20
NODE = "/opt/homebrew/bin/node"
ENTRY = "/opt/homebrew/lib/node_modules/openclaw/dist/index.js"
PATH_ENV = "/opt/homebrew/bin:/usr/bin:/bin:/usr/sbin:/sbin"
MARKER = ".bench-fleet"


def spacing(n):
    """Largest spacing <= 20 that fits n bases and never makes B, B+2 or B+11 collide."""
    for s in range(RECOMMENDED_SPACING, 0, -1):
        if any(k * s in (2, 9, 11) for k in range(1, 12)):
            continue
        if n <= 1 or FIRST_PORT + s * (n - 1) <= HIGHEST_BASE:
            return s
    raise SystemExit(f"make-fleet: {n} instances do not fit between {FIRST_PORT} and {HIGHEST_BASE}")


def plist_bytes(name, port, root):
    state = f"{root}/.openclaw-{name}"
    # Same keys, same order as ContractPlist / launchagents/ai.openclaw.luca.plist.
    job = {
        "Label": f"ai.openclaw.{name}",
        "Comment": f"OpenClaw gateway '{name}' (openclaw-fleet)",
        "ProgramArguments": [NODE, ENTRY, "gateway", "--port", str(port)],
        "EnvironmentVariables": {
            "OPENCLAW_CONFIG_PATH": f"{state}/openclaw.json",
            "OPENCLAW_STATE_DIR": state,
            "PATH": PATH_ENV,
        },
        "WorkingDirectory": state,
        "StandardOutPath": f"{state}/logs/gateway.log",
        "StandardErrorPath": f"{state}/logs/gateway.err.log",
        "RunAtLoad": True,
        "KeepAlive": True,
        "ThrottleInterval": 10,
        "ExitTimeOut": 20,
        "ProcessType": "Interactive",
        "Umask": 63,
    }
    return plistlib.dumps(job, fmt=plistlib.FMT_XML, sort_keys=False)


def config_bytes(name, port):
    token = hashlib.sha256(f"openclaw-fleet bench token {name}".encode()).hexdigest()
    config = {"gateway": {"mode": "local", "port": port, "bind": "loopback",
                          "auth": {"mode": "token", "token": token}}}
    return (json.dumps(config, indent=2) + "\n").encode()


def write(path, data, mode):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.chmod(path, mode)  # not subject to the umask


def prepare(outdir):
    if os.path.isdir(outdir) and os.listdir(outdir):
        if not os.path.exists(os.path.join(outdir, MARKER)):
            raise SystemExit(f"make-fleet: {outdir} is not empty and was not made by make-fleet.py; refusing to touch it")
        for sub in ("agents", "root"):
            shutil.rmtree(os.path.join(outdir, sub), ignore_errors=True)
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, MARKER), "w") as f:
        f.write("made by bench/make-fleet.py; agents/ and root/ are replaced on the next run\n")


def main(argv):
    if len(argv) != 3 or not argv[1].isdigit() or int(argv[1]) < 1:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    n = int(argv[1])
    outdir = argv[2]
    prepare(outdir)
    outdir = os.path.realpath(outdir)  # the JVM's user.dir is the physical path: state dirs must match it
    agents = os.path.join(outdir, "agents")
    root = os.path.join(outdir, "root")
    os.mkdir(agents, 0o755)
    os.mkdir(root, 0o700)
    os.chmod(agents, 0o755)
    os.chmod(root, 0o700)
    step = spacing(n)
    for i in range(n):
        name = f"b{i:05d}"
        port = FIRST_PORT + step * i
        write(os.path.join(agents, f"ai.openclaw.{name}.plist"), plist_bytes(name, port, root), 0o644)
        state = os.path.join(root, f".openclaw-{name}")
        os.mkdir(state, 0o700)
        os.chmod(state, 0o700)
        os.mkdir(os.path.join(state, "logs"), 0o700)
        os.chmod(os.path.join(state, "logs"), 0o700)
        write(os.path.join(state, "openclaw.json"), config_bytes(name, port), 0o600)
    last = FIRST_PORT + step * (n - 1)
    warnings = n - 1 if step < RECOMMENDED_SPACING else 0
    print(f"make-fleet: {n} instances in {outdir}: base ports {FIRST_PORT}..{last} step {step}; "
          f"expected findings: 0 errors, {warnings} port-spacing warnings")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
