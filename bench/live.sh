#!/usr/bin/env bash
# Live audit benchmark: 100 instances run by the launchctl stand-in (real fake-gateway processes on
# real ports), then `fleet audit` timed with hyperfine against bench/shell-audit.sh, which calls
# `launchctl print` and `lsof` once per instance in sequence, the way a shell script would.
# Usage: bench/live.sh [N]   (default 100). Needs hyperfine, node, python3, lsof.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
n="${1:-100}"
command -v hyperfine >/dev/null || { echo "bench/live.sh: hyperfine missing: apt-get install -y hyperfine" >&2; exit 3; }
work="$here/bench/.work/live-$n"
rm -rf "$work"
mkdir -p "$work/agents" "$work/root" "$here/bench/results"
export LAUNCHCTL_STANDIN_STATE="$work/launchd" LAUNCHCTL_STANDIN_TIME_SCALE=0.05
export PATH="$here/src/test/standins:/usr/bin:/bin:$PATH"
trap 'launchctl standin-reset >/dev/null 2>&1 || true' EXIT

"$here/fleet.sh" --version >/dev/null   # build once, outside the timings
base=$(( 30000 + RANDOM % 5000 ))
/usr/bin/python3 - "$work" "$n" "$base" "$here/src/test/standins/fake-openclaw/dist/index.js" <<'PY'
import json, os, plistlib, sys, hashlib
work, n, base, entry = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
for i in range(n):
    name = "l%03d" % i
    port = base + 20 * i
    state = os.path.join(work, "root", ".openclaw-" + name)
    os.makedirs(os.path.join(state, "logs"), mode=0o700)
    os.makedirs(os.path.join(state, "workspace"), mode=0o700)
    os.chmod(state, 0o700)
    cfg = os.path.join(state, "openclaw.json")
    token = hashlib.sha256(name.encode()).hexdigest()
    with open(cfg, "w") as f:
        json.dump({"gateway": {"mode": "local", "port": port, "bind": "loopback", "auth": {"mode": "token", "token": token}}}, f)
    os.chmod(cfg, 0o600)
    plist = {"Label": "ai.openclaw." + name, "ProgramArguments": ["/usr/bin/node", entry, "gateway", "--port", str(port)],
             "EnvironmentVariables": {"OPENCLAW_CONFIG_PATH": cfg, "OPENCLAW_STATE_DIR": state, "PATH": "/usr/bin:/bin:/usr/sbin:/sbin"},
             "WorkingDirectory": state, "StandardOutPath": os.path.join(state, "logs/gateway.log"),
             "StandardErrorPath": os.path.join(state, "logs/gateway.err.log"), "RunAtLoad": True, "KeepAlive": True, "ThrottleInterval": 10}
    path = os.path.join(work, "agents", "ai.openclaw.%s.plist" % name)
    with open(path, "wb") as f:
        plistlib.dump(plist, f)
    os.chmod(path, 0o644)
PY
for plist in "$work"/agents/*.plist; do
  launchctl bootstrap "gui/$(id -u)" "$plist"
done
# Wait until every gateway listens.
for _ in $(seq 1 120); do
  up="$(bash "$here/bench/shell-audit.sh" "$work/agents" | cut -d' ' -f1)"
  [ "$up" = "$n" ] && break
  sleep 1
done
echo "bench/live.sh: $up of $n gateways listening" >&2
# A fleet that has been up for a while: every process past its crash-loop window (3 x ThrottleInterval
# 10 s), so `fleet audit` needs no `launchctl print` at all (docs/rules.md, "Which jobs are printed").
sleep 31
"$here/fleet.sh" audit -q --agents-dir "$work/agents" --root "$work/root" | tail -1
# The launchctl calls of one audit, counted by a recording launchctl first on PATH.
mkdir -p "$work/bin"
printf '#!/bin/sh\necho "$*" >> "%s"\nexec "%s" "$@"\n' "$work/calls.log" "$here/src/test/standins/launchctl" > "$work/bin/launchctl"
chmod 755 "$work/bin/launchctl"
: > "$work/calls.log"
PATH="$work/bin:$PATH" "$here/fleet.sh" audit --agents-dir "$work/agents" --root "$work/root" >/dev/null
echo "bench/live.sh: one audit of $n healthy instances made $(wc -l < "$work/calls.log") launchctl calls: $(sort "$work/calls.log" | cut -d' ' -f1 | uniq -c | tr -s ' ' | tr '\n' ',')" >&2
"$here/bench/wait-quiet.sh" >&2

hyperfine -N --warmup 1 --runs "${RUNS:-10}" \
  --export-markdown "$here/bench/results/live-$n.md" --export-json "$here/bench/results/live-$n.json" \
  -n "fleet audit (live, $n instances)" "$here/fleet.sh audit --agents-dir $work/agents --root $work/root" \
  -n "shell loop: launchctl print + lsof per instance" "bash $here/bench/shell-audit.sh $work/agents"
