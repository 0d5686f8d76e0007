#!/usr/bin/env bash
# Multi-host benchmark: H loopback "Macs" (a real sshd each on 127.0.0.1, with its own HOME and
# launchctl stand-in state, like the tests' Sshd harness) running N healthy gateways each; then
# `fleet audit --hosts` (every host at once, one SSH connection each) timed with hyperfine against a
# serial loop that runs `fleet audit --host` on each host in turn, and against each host alone.
# The aim (issue 11): the whole takes under 2 times the slowest single host.
# Then bench/cpu_split.py splits the CPU of `--hosts` and of the slowest single host into the
# auditor's (JVM and ssh clients) and the "Macs'" (sshd, collector, launchctl stand-in, lsof, ps):
# here both sides share the same CPUs, which ten real Macs would not.
# Usage: bench/hosts.sh [HOSTS] [INSTANCES]   (default 10 10). Needs hyperfine, openssh-server, node, python3, lsof.
# Environment: RUNS (hyperfine runs, default 8), ACCT_RUNS (runs of the CPU split, default 3),
#   PIN=1: the "Macs" (every sshd and all it starts) on CPU 1, the auditor on CPU 0 (taskset), for every
#          command timed; a second figure, never the only one: it shows each side's cost without the other.
#   SSH_KEX=ALGOS: KexAlgorithms for the auditor's ssh (the default is OpenSSH's own choice; Debian 12's
#          OpenSSH 9.2 opens with sntrup761x25519, whose key generation costs the client about 0.1 s).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
hosts="${1:-10}"
n="${2:-10}"
pin_hosts=()
pin_auditor=
if [ "${PIN:-0}" = 1 ]; then
  command -v taskset >/dev/null || { echo "bench/hosts.sh: PIN=1 needs taskset (util-linux)" >&2; exit 3; }
  [ "$(nproc)" -ge 2 ] || { echo "bench/hosts.sh: PIN=1 needs 2 CPUs" >&2; exit 3; }
  pin_hosts=(taskset -c 1)
  pin_auditor="taskset -c 0 "
fi
for tool in hyperfine /usr/sbin/sshd ssh ssh-keygen node python3 lsof; do
  command -v "$tool" >/dev/null || { echo "bench/hosts.sh: $tool missing (apt-get install -y hyperfine openssh-server nodejs python3 lsof)" >&2; exit 3; }
done
work="$here/bench/.work/hosts-$hosts-$n"
tag="hosts-$hosts-$n${PIN:+-pin$PIN}${SSH_KEX:+-kex}"
standin="$here/src/test/standins/launchctl"
entry="$here/src/test/standins/fake-openclaw/dist/index.js"
rm -rf "$work"
mkdir -p "$work" "$here/bench/results"
chmod 700 "$work"
export LAUNCHCTL_STANDIN_TIME_SCALE=0.05
user="$(id -un)"
[ "$(id -u)" -ne 0 ] || [ -d /run/sshd ] || install -d -m 755 /run/sshd

sshd_pids=()
cleanup() {
  for i in $(seq 1 "$hosts"); do
    [ -d "$work/mac$i/launchd-state" ] && LAUNCHCTL_STANDIN_STATE="$work/mac$i/launchd-state" "$standin" standin-reset >/dev/null 2>&1 || true
  done
  for pid in "${sshd_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

"$here/fleet.sh" --version >/dev/null   # build once, outside the timings
ssh-keygen -q -t ed25519 -N '' -C '' -f "$work/id_ed25519"
cp "$work/id_ed25519.pub" "$work/authorized_keys"
: > "$work/known_hosts"
printf '# ssh -F for the benchmark hosts: loopback, BatchMode, strict host keys\n' > "$work/ssh_config"
: > "$work/hosts"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
base=$(( 20000 + RANDOM % 20000 ))

for i in $(seq 1 "$hosts"); do
  d="$work/mac$i"
  mkdir -p "$d/home" "$d/launchd-state"
  ssh-keygen -q -t ed25519 -N '' -C '' -f "$d/ssh_host_ed25519_key"
  port="$(free_port)"
  cat > "$d/sshd_config" <<CONF
Port $port
ListenAddress 127.0.0.1
HostKey $d/ssh_host_ed25519_key
PidFile $d/sshd.pid
AuthorizedKeysFile $work/authorized_keys
AllowUsers $user
StrictModes no
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PermitRootLogin prohibit-password
AllowTcpForwarding no
X11Forwarding no
PrintMotd no
UseDNS no
MaxStartups 100:30:200
SetEnv "PATH=$here/src/test/standins:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin" "HOME=$d/home" "LAUNCHCTL_STANDIN_STATE=$d/launchd-state" "LAUNCHCTL_STANDIN_TIME_SCALE=$LAUNCHCTL_STANDIN_TIME_SCALE"
CONF
  ${pin_hosts[@]+"${pin_hosts[@]}"} /usr/sbin/sshd -D -e -f "$d/sshd_config" 2> "$d/sshd.log" &
  sshd_pids+=("$!")
  echo "[127.0.0.1]:$port $(cut -d' ' -f1,2 "$d/ssh_host_ed25519_key.pub")" >> "$work/known_hosts"
  cat >> "$work/ssh_config" <<CONF

Host mac$i
  HostName 127.0.0.1
  Port $port
  User $user
  IdentityFile $work/id_ed25519
  IdentitiesOnly yes
  IdentityAgent none
  UserKnownHostsFile $work/known_hosts
  GlobalKnownHostsFile /dev/null
  StrictHostKeyChecking yes
  BatchMode yes
  ControlMaster no
  ControlPath none
  LogLevel ERROR
CONF
  [ -z "${SSH_KEX:-}" ] || echo "  KexAlgorithms $SSH_KEX" >> "$work/ssh_config"
  echo "mac$i" >> "$work/hosts"
  # The fleet of this "Mac", where fleet looks by default: ~/Library/LaunchAgents and ~/.openclaw.
  /usr/bin/python3 - "$d/home" "$n" "$(( base + (i - 1) * n * 20 ))" "$entry" "mac$i" <<'PY'
import hashlib, json, os, plistlib, sys
home, n, base, entry, host = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
agents, root = os.path.join(home, "Library", "LaunchAgents"), os.path.join(home, ".openclaw")
os.makedirs(agents)
os.makedirs(root, mode=0o700)
os.chmod(root, 0o700)
for k in range(n):
    name, port = "g%02d" % k, base + 20 * k
    state = os.path.join(root, ".openclaw-" + name)
    os.makedirs(os.path.join(state, "logs"), mode=0o700)
    os.chmod(state, 0o700)
    cfg = os.path.join(state, "openclaw.json")
    token = hashlib.sha256((host + "/" + name).encode()).hexdigest()
    with open(cfg, "w") as f:
        json.dump({"gateway": {"mode": "local", "port": port, "bind": "loopback", "auth": {"mode": "token", "token": token}}}, f)
    os.chmod(cfg, 0o600)
    plist = {"Label": "ai.openclaw." + name, "ProgramArguments": ["/usr/bin/node", entry, "gateway", "--port", str(port)],
             "EnvironmentVariables": {"OPENCLAW_CONFIG_PATH": cfg, "OPENCLAW_STATE_DIR": state, "PATH": "/usr/bin:/bin:/usr/sbin:/sbin"},
             "WorkingDirectory": state, "StandardOutPath": os.path.join(state, "logs/gateway.log"),
             "StandardErrorPath": os.path.join(state, "logs/gateway.err.log"), "RunAtLoad": True, "KeepAlive": True, "ThrottleInterval": 10}
    path = os.path.join(agents, "ai.openclaw.%s.plist" % name)
    with open(path, "wb") as f:
        plistlib.dump(plist, f)
    os.chmod(path, 0o644)
PY
  for plist in "$d"/home/Library/LaunchAgents/*.plist; do
    LAUNCHCTL_STANDIN_STATE="$d/launchd-state" "$standin" bootstrap "gui/$(id -u)" "$plist"
  done
done
chmod 600 "$work/ssh_config"
printf '%s\n' "${sshd_pids[@]}" > "$work/sshd.pids"

total=$(( hosts * n ))
for _ in $(seq 1 120); do
  up=0
  for k in $(seq 0 $(( total - 1 ))); do
    lsof -nP -iTCP:"$(( base + 20 * k ))" -sTCP:LISTEN >/dev/null 2>&1 && up=$(( up + 1 ))
  done
  [ "$up" = "$total" ] && break
  sleep 1
done
echo "bench/hosts.sh: $up of $total gateways listening on $hosts hosts" >&2
sleep 31   # every process past its crash-loop window: a fleet that has been up for a while
"$here/fleet.sh" audit --hosts "$work/hosts" --ssh-config "$work/ssh_config" | tail -1
cat > "$work/serial.sh" <<LOOP
#!/bin/sh
# The baseline: the same audit, one host after the other.
for i in \$(seq 1 $hosts); do
  $pin_auditor"$here/fleet.sh" audit --host "mac\$i" --ssh-config "$work/ssh_config" >/dev/null || exit \$?
done
LOOP
"$here/bench/wait-quiet.sh" >&2

singles=()
for i in $(seq 1 "$hosts"); do
  singles+=(-n "one host alone: mac$i" "${pin_auditor}$here/fleet.sh audit --host mac$i --ssh-config $work/ssh_config")
done
hyperfine -N --warmup 1 --runs "${RUNS:-8}" \
  --export-markdown "$here/bench/results/$tag.md" --export-json "$here/bench/results/$tag.json" \
  -n "fleet audit --hosts ($hosts hosts x $n instances)" "${pin_auditor}$here/fleet.sh audit --hosts $work/hosts --ssh-config $work/ssh_config" \
  -n "serial loop: fleet audit --host on each host in turn" "sh $work/serial.sh" \
  "${singles[@]}"
slowest=$(/usr/bin/python3 - "$here/bench/results/$tag.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
whole, serial = results[0]["mean"], results[1]["mean"]
slowest = max(results[2:], key=lambda r: r["mean"])
print("bench/hosts.sh: --hosts %.2f s, serial loop %.2f s (%.1fx), slowest single host %.2f s: the whole is %.2f x the slowest host (aim: under 2)"
      % (whole, serial, serial / whole, slowest["mean"], whole / slowest["mean"]), file=sys.stderr)
print(slowest["command"].rsplit(": ", 1)[-1])  # the name given with -n: "one host alone: macN"
PY
)
echo "bench/hosts.sh: CPU split (auditor: launcher, JVM, ssh clients; hosts: what the $hosts loopback Macs ran)" >&2
/usr/bin/python3 "$here/bench/cpu_split.py" "${ACCT_RUNS:-3}" "$work/sshd.pids" \
  "fleet audit --hosts ($hosts hosts)=${pin_auditor}$here/fleet.sh audit --hosts $work/hosts --ssh-config $work/ssh_config" \
  "slowest single host alone ($slowest)=${pin_auditor}$here/fleet.sh audit --host $slowest --ssh-config $work/ssh_config" \
  "one ssh handshake alone (ssh $slowest true)=${pin_auditor}ssh -F $work/ssh_config $slowest true" \
  | tee "$here/bench/results/$tag-cpu.txt"
