#!/usr/bin/env bash
# Self-test of the test stand-ins (launchctl + fake OpenClaw gateway) with real processes and
# real ports on 127.0.0.1. Exits non-zero on any failure. Usage: src/test/standins/selftest.sh
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
FAKE="$HERE/fake-openclaw/dist/index.js"
NODE=$(command -v node) || { echo "node not found" >&2; exit 2; }
command -v lsof >/dev/null || { echo "lsof not found" >&2; exit 2; }
UID_=$(id -u)
D="gui/$UID_"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/standin-selftest.XXXXXX")
# The stand-in runs `#!/usr/bin/env python3`; put the real interpreter's folder ahead of any
# version-manager shim (pyenv's costs ~150 ms per call).
PYDIR=$(dirname "$(python3 -c 'import sys; print(sys.executable)')")
export PATH="$HERE:$PYDIR:$PATH"
export LAUNCHCTL_STANDIN_STATE="$TMP/state"
export LAUNCHCTL_STANDIN_TIME_SCALE=0.02   # ThrottleInterval 10 s -> 0.2 s, ExitTimeOut 20 s -> 0.4 s
unset LAUNCHCTL_STANDIN_NO_GUI LAUNCHCTL_STANDIN_TEARDOWN_MS LAUNCHCTL_STANDIN_ALREADY_LOADED_ERRNO

cleanup() {
  launchctl standin-reset >/dev/null 2>&1
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

FAILS=0
ok()   { printf 'ok   %s\n' "$1"; }
bad()  { printf 'FAIL %s\n' "$1"; FAILS=$((FAILS + 1)); }
check() { local what=$1; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }
# has_lines TEXT REGEX...: every PCRE matches a whole line of TEXT.
has_lines() { local text=$1 re; shift; for re in "$@"; do grep -qxP -- "$re" <<<"$text" || return 1; done; }
# gone PID: no such process, or a zombie (PID 1 in a container may be slow to reap orphans).
gone() { [ ! -e "/proc/$1/stat" ] || [ "$(cut -d' ' -f3 "/proc/$1/stat" 2>/dev/null)" = Z ]; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
listening() { lsof -nP -iTCP:"$1" -sTCP:LISTEN >/dev/null 2>&1; }
not_listening() { ! listening "$1"; }
# wait_until SECONDS CMD...: poll CMD every 50 ms.
wait_until() {
  local end=$((SECONDS + $1)); shift
  until "$@"; do [ "$SECONDS" -ge "$end" ] && return 1; sleep 0.05; done
}
# field LABEL KEY: value of a top-level (one tab deep) key of `launchctl print`.
field() { launchctl print "$D/$1" 2>/dev/null | sed -n "s/^\t$2 = //p" | head -n 1; }
runs_at_least() { local r; r=$(field "$1" runs); [ -n "$r" ] && [ "$r" -ge "$2" ]; }

# state_dir NAME [token|notoken|nomode]: an OpenClaw state dir with openclaw.json (JSON5).
state_dir() {
  local dir="$TMP/$1"
  mkdir -p "$dir"
  case "${2:-token}" in
    token)   printf '// fleet test\n{\n  gateway: {\n    mode: "local",\n    auth: { mode: "token", token: "%s", },\n  },\n}\n' "tok-$1" ;;
    notoken) printf '{ gateway: { mode: "local", auth: { mode: "token" } } }\n' ;;
    nomode)  printf '{ "gateway": { "port": 1 } }\n' ;;
  esac > "$dir/openclaw.json"
  echo "$dir"
}

# plist FILE LABEL STATE_DIR PORT [extra python dict entries...]: a fleet-style LaunchAgent plist.
plist() {
  python3 - "$@" <<'EOF'
import plistlib, sys
path, label, state, port, node, fake = sys.argv[1:7]
extra = eval("{" + ",".join(sys.argv[7:]) + "}")
d = {
    "Label": label,
    "ProgramArguments": [node, fake, "gateway", "--port", port],
    "EnvironmentVariables": {"OPENCLAW_STATE_DIR": state},
    "RunAtLoad": True, "KeepAlive": True,
    "WorkingDirectory": state,
    "StandardOutPath": state + "/logs/gateway.log",
    "StandardErrorPath": state + "/logs/gateway.err.log",
}
d.update(extra)
d = {k: v for k, v in d.items() if v is not None}
with open(path, "wb") as f:
    plistlib.dump(d, f)
EOF
  chmod 644 "$1"
}
mkplist() { local f=$1; shift; plist "$f" "$1" "$2" "$3" "$NODE" "$FAKE" "${@:4}"; }

# expect_fail NAME CODE "STDERR" CMD...: exact stderr and exit code, empty stdout.
expect_fail() {
  local name=$1 code=$2 want=$3; shift 3
  local out err rc
  out=$("$@" 2>"$TMP/err"); rc=$?; err=$(cat "$TMP/err")
  if [ "$rc" = "$code" ] && [ "$err" = "$want" ] && [ -z "$out" ]; then ok "$name"
  else bad "$name (rc=$rc, stdout=[$out], stderr=[$err])"; fi
}

echo "== launchctl stand-in self-test (state $LAUNCHCTL_STANDIN_STATE)"

# ---------------------------------------------------------------- a healthy gateway
S1=$(state_dir one); mkdir -p "$S1/logs"; P1=$(free_port); L1=ai.openclaw.one
mkplist "$TMP/one.plist" $L1 "$S1" "$P1"
out=$(launchctl bootstrap "$D" "$TMP/one.plist" 2>&1); rc=$?
check "bootstrap healthy plist: exit 0, silent" [ "$rc" = 0 -a -z "$out" ]
check "fake gateway listens on $P1 (lsof)" wait_until 10 listening "$P1"
check "GET /health answers ok" bash -c "curl -sf http://127.0.0.1:$P1/health | grep -q '\"ok\":true'"
check "gateway logged 'listening on ws://127.0.0.1:$P1'" wait_until 5 grep -q "listening on ws://127.0.0.1:$P1 (pid " "$S1/logs/gateway.log"
check "lock files written" [ -f "$S1/tmp/openclaw-$UID_/gateway.state.lock" ]
HASH=$(printf '%s' "$S1/openclaw.json" | sha256sum | cut -c1-8)
check "hash lock gateway.$HASH.lock has pid/port/startTime" \
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert {'pid','createdAt','configPath','stateDir','port','startTime'} <= set(d) and d['port']==$P1" \
  "$S1/tmp/openclaw-$UID_/gateway.$HASH.lock"
check "no token in gateway logs" bash -c "! grep -q tok-one '$S1/logs/'*"

PR=$(launchctl print "$D/$L1"); rc=$?
PID1=$(field $L1 pid)
check "print: exit 0" [ "$rc" = 0 ]
check "print: first line" [ "$(head -n 1 <<<"$PR")" = "$D/$L1 = {" ]
check "print: last line" [ "$(tail -n 1 <<<"$PR")" = "}" ]
check "print: state = running" grep -qxP '\tstate = running' <<<"$PR"
check "print: pid = <pid of the listener>" bash -c "[ -n '$PID1' ] && lsof -nP -a -p '$PID1' -iTCP:$P1 -sTCP:LISTEN >/dev/null"
check "print: last exit code = (never exited)" grep -qxP '\tlast exit code = \(never exited\)' <<<"$PR"
check "print: runs = 1" grep -qxP '\truns = 1' <<<"$PR"
check "print: path/type/program/arguments" has_lines "$PR" "\tpath = $TMP/one.plist" '\ttype = LaunchAgent' "\tprogram = $NODE" '\targuments = \{' '\t\tgateway'
check "print: working directory, log paths" has_lines "$PR" "\tworking directory = $S1" "\tstdout path = $S1/logs/gateway.log" "\tstderr path = $S1/logs/gateway.err.log"
check "print: minimum runtime / exit timeout (unscaled)" has_lines "$PR" '\tminimum runtime = 10' '\texit timeout = 20'
check "print: environment has XPC_SERVICE_NAME" grep -qxP "\t\tXPC_SERVICE_NAME => $L1" <<<"$PR"
check "print: default environment PATH" grep -qxP '\t\tPATH => /usr/bin:/bin:/usr/sbin:/sbin' <<<"$PR"
check "print: domain line" grep -qxP "\tdomain = gui/$UID_ \[100057\]" <<<"$PR"
check "print: nested coalition state is two tabs deep" grep -qxP '\t\tstate = active' <<<"$PR"
check "print: exactly one top-level state line" [ "$(grep -cP '^\tstate = ' <<<"$PR")" = 1 ]
check "print: properties" grep -qxP '\tproperties = keepalive \| runatload \| inferred program' <<<"$PR"
# Structure: every inner line is blank, one tab + key, or two tabs inside a block; blocks balance.
check "print: structure (tabs, blocks, blank lines)" python3 - "$PR" <<'EOF'
import re, sys
lines = sys.argv[1].split("\n")
depth = 0
for line in lines[1:-1]:
    if line == "":
        assert depth == 0, "blank line inside a block"
        continue
    if depth == 0:
        assert re.match(r"^\t[^\t]", line), repr(line)
        if line.endswith(" = {"):
            depth = 1
    else:
        if line == "\t}":
            depth = 0
        else:
            assert re.match(r"^\t\t[^\t]", line), repr(line)
assert depth == 0
# blank lines exactly where the samples have them
text = sys.argv[1]
for before, after in (("\tstate = running", "\tprogram = "), ("\t}", "\tworking directory = "),
                      ("\t}", "\tdomain = "), ("\tlast exit code = (never exited)", "\tresource coalition = {"),
                      ("\tcpumon = default", "\tproperties = ")):
    assert re.search(re.escape(before) + r"[^\n]*\n\n" + re.escape(after), text), (before, after)
EOF

LIST=$(launchctl list); rc=$?
check "list: exit 0, header" [ "$rc" = 0 -a "$(head -n 1 <<<"$LIST")" = "$(printf 'PID\tStatus\tLabel')" ]
check "list: row pid<TAB>0<TAB>label" grep -qxF "$(printf '%s\t0\t%s' "$PID1" $L1)" <<<"$LIST"
check "list: output ends with an empty line like list-table.txt" bash -c '[ "$(launchctl list | tail -c 2 | od -An -c | tr -d " ")" = "\n\n" ]'
LL=$(launchctl list $L1); rc=$?
check "list <label>: OpenStep dict" bash -c "[ $rc = 0 ] && [ \"\$(head -n 1 <<<\"\$1\")\" = '{' ] && [ \"\$(tail -n 1 <<<\"\$1\")\" = '};' ]" _ "$LL"
check "list <label>: PID, LastExitStatus, Label, OnDemand, ProgramArguments" has_lines "$LL" "\t\"PID\" = $PID1;" '\t"LastExitStatus" = 0;' "\t\"Label\" = \"$L1\";" '\t"OnDemand" = false;' '\t"ProgramArguments" = \(' '\t\t"gateway";' '\t\);'
expect_fail "list <unknown>: 113" 113 'Could not find service "no.such" in domain for port' launchctl list no.such

# Already loaded.
expect_fail "bootstrap twice: 5 + root hint" 5 $'Bootstrap failed: 5: Input/output error\nTry re-running the command as root for richer errors.' \
  launchctl bootstrap "$D" "$TMP/one.plist"
expect_fail "bootstrap twice with ALREADY_LOADED_ERRNO=37" 37 'Bootstrap failed: 37: Operation already in progress' \
  env LAUNCHCTL_STANDIN_ALREADY_LOADED_ERRNO=37 launchctl bootstrap "$D" "$TMP/one.plist"

# kickstart
out=$(launchctl kickstart -p "$D/$L1"); rc=$?
check "kickstart (running, no -k): nothing restarted, -p prints pid" [ "$rc" = 0 -a "$out" = "$PID1" -a "$(field $L1 runs)" = 1 ]
out=$(launchctl kickstart -k -p "$D/$L1"); rc=$?
check "kickstart -k: runs = 2, new pid printed" [ "$rc" = 0 -a "$(field $L1 runs)" = 2 -a -n "$out" -a "$out" != "$PID1" ]
check "kickstart -k: new gateway listens again" wait_until 10 bash -c "curl -sf http://127.0.0.1:$P1/health | grep -q '\"pid\":$out'"
check "kickstart -k: fake gateway exited 0 on SIGTERM" [ "$(field $L1 'last exit code')" = 0 ]
expect_fail "kickstart unknown: 113" 113 $'Bad request.\nCould not find service "no.such" in domain for user gui: '"$UID_" \
  launchctl kickstart "$D/no.such"

# ---------------------------------------------------------------- crash loop: token mode without a token
S2=$(state_dir two notoken); mkdir -p "$S2/logs"; P2=$(free_port); L2=ai.openclaw.two
mkplist "$TMP/two.plist" $L2 "$S2" "$P2"
check "bootstrap token-less gateway" launchctl bootstrap "$D" "$TMP/two.plist"
check "crash loop: runs climb to >= 3" wait_until 10 runs_at_least $L2 3
st=$(field $L2 state)
check "crash loop: state is spawn scheduled/running ($st)" bash -c "[[ '$st' = 'spawn scheduled' || '$st' = running ]]"
check "crash loop: last exit code = 1" wait_until 5 bash -c "[ \"\$(launchctl print $D/$L2 | sed -n 's/^\tlast exit code = //p')\" = 1 ]"
check "crash loop: token message in the err log" grep -q 'no token is configured' "$S2/logs/gateway.err.log"
check "crash loop: list <label> LastExitStatus = 256" bash -c "launchctl list $L2 | grep -qxP '\t\"LastExitStatus\" = 256;'"
check "crash loop: port never listened" not_listening "$P2"

# ---------------------------------------------------------------- second gateway on the same state dir: exit-0 loop
L3=ai.openclaw.dup
mkplist "$TMP/dup.plist" $L3 "$S1" "$P1" '"StandardOutPath": "'"$S1"'/logs/dup.log"' '"StandardErrorPath": "'"$S1"'/logs/dup.err.log"'
check "bootstrap a duplicate of 'one'" launchctl bootstrap "$D" "$TMP/dup.plist"
check "duplicate: runs climb to >= 3" wait_until 10 runs_at_least $L3 3
check "duplicate: 'leaving it in control' logged" grep -q 'leaving it in control' "$S1/logs/dup.err.log"
check "duplicate: 'gateway already running (pid N)'" grep -q "gateway already running (pid $(field $L1 pid)); lock timeout after 5000ms" "$S1/logs/dup.err.log"
check "duplicate: last exit code = 0 (exit-0 loop)" [ "$(field $L3 'last exit code')" = 0 ]
check "duplicate: the owner is untouched" bash -c "curl -sf http://127.0.0.1:$P1/health >/dev/null && [ -f '$S1/tmp/openclaw-$UID_/gateway.state.lock' ]"
check "bootout duplicate" launchctl bootout "$D/$L3"

# ---------------------------------------------------------------- port taken by someone else (different state dir)
S4=$(state_dir four); mkdir -p "$S4/logs"; L4=ai.openclaw.four
mkplist "$TMP/four.plist" $L4 "$S4" "$P1"
check "bootstrap gateway on a busy port" launchctl bootstrap "$D" "$TMP/four.plist"
check "busy port: runs climb, exit 0" wait_until 10 runs_at_least $L4 2
check "busy port: message" grep -q "another gateway instance is already listening on ws://127.0.0.1:$P1" "$S4/logs/gateway.err.log"
check "busy port: its own lock released" wait_until 5 bash -c "[ \"\$(launchctl print $D/$L4 | sed -n 's/^\tstate = //p')\" != running ] && [ ! -e '$S4/tmp/openclaw-$UID_/gateway.state.lock' ]"
check "bootout (by plist path)" launchctl bootout "$D" "$TMP/four.plist"

# ---------------------------------------------------------------- spawn failure: log directory missing
S5=$(state_dir five); L5=ai.openclaw.five   # no logs/ folder: launchd cannot open the log
mkplist "$TMP/five.plist" $L5 "$S5" "$(free_port)"
check "bootstrap with missing log dir: exit 0" launchctl bootstrap "$D" "$TMP/five.plist"
check "spawn failed: runs climb" wait_until 10 runs_at_least $L5 2
PR5=$(launchctl print "$D/$L5")
check "spawn failed: last exit code = 78: EX_CONFIG" grep -qxP '\tlast exit code = 78: EX_CONFIG' <<<"$PR5"
check "spawn failed: job state = spawn failed" grep -qxP '\tjob state = spawn failed' <<<"$PR5"
check "spawn failed: state = spawn scheduled" grep -qxP '\tstate = spawn scheduled' <<<"$PR5"
check "spawn failed: no pid line" bash -c '! grep -qP "^\tpid = "' <<<"$PR5"
check "spawn failed: list <label> LastExitStatus = 19968" bash -c "launchctl list $L5 | grep -qxP '\t\"LastExitStatus\" = 19968;'"
check "spawn failed: list row -<TAB>78" bash -c "launchctl list | grep -qxP -- '-\t78\t$L5'"
launchctl bootout "$D/$L5"

# ---------------------------------------------------------------- a job killed by a signal, no KeepAlive
L6=test.signal
python3 - "$TMP/sig.plist" <<'EOF'
import plistlib, sys
plistlib.dump({"Label": "test.signal", "Program": "/bin/sh",
               "ProgramArguments": ["sh", "-c", "kill -TERM $$"], "RunAtLoad": True}, open(sys.argv[1], "wb"))
EOF
chmod 644 "$TMP/sig.plist"
check "bootstrap self-killing job" launchctl bootstrap "$D" "$TMP/sig.plist"
check "signal: state = not running" wait_until 5 bash -c "[ \"\$(launchctl print $D/$L6 | sed -n 's/^\tstate = //p')\" = 'not running' ]"
PR6=$(launchctl print "$D/$L6")
check "signal: last terminating signal = Terminated: 15" has_lines "$PR6" '\tlast terminating signal = Terminated: 15'
check "signal: no last exit code line" bash -c '! grep -q "last exit code" <<<"$1"' _ "$PR6"
check "signal: list row -<TAB>-15" bash -c "launchctl list | grep -qxP -- '-\t-15\t$L6'"
check "signal: list <label> LastExitStatus = 15, no PID" bash -c "launchctl list $L6 | grep -qxP '\t\"LastExitStatus\" = 15;' && ! launchctl list $L6 | grep -q PID"
check "signal: properties without keepalive/inferred program" grep -qxP '\tproperties = runatload' <<<"$PR6"
check "kickstart a stopped job: runs 1 -> 2" bash -c "launchctl kickstart $D/$L6 && [ \"\$(launchctl print $D/$L6 | sed -n 's/^\truns = //p')\" = 2 ]"
launchctl bootout "$D/$L6"

# ---------------------------------------------------------------- bootout frees the port
check "bootout healthy gateway: exit 0" launchctl bootout "$D/$L1"
check "bootout: port $P1 released on return" not_listening "$P1"
check "bootout: gateway removed its locks" [ ! -e "$S1/tmp/openclaw-$UID_/gateway.state.lock" ]
expect_fail "bootout again: 3" 3 'Boot-out failed: 3: No such process' launchctl bootout "$D/$L1"
expect_fail "print after bootout: 113, print-not-found.txt" 113 \
  $'Bad request.\nCould not find service "'"$L1"'" in domain for user gui: '"$UID_" launchctl print "$D/$L1"
check "bootout crash-looping job" launchctl bootout "$D/$L2"

# Teardown window: bootstrap right after bootout fails with 5, then works.
export LAUNCHCTL_STANDIN_TEARDOWN_MS=600
launchctl bootstrap "$D" "$TMP/one.plist" && launchctl bootout "$D/$L1"
expect_fail "bootstrap during teardown: 5" 5 $'Bootstrap failed: 5: Input/output error\nTry re-running the command as root for richer errors.' \
  launchctl bootstrap "$D" "$TMP/one.plist"
sleep 0.7
check "bootstrap after the teardown window" launchctl bootstrap "$D" "$TMP/one.plist"
unset LAUNCHCTL_STANDIN_TEARDOWN_MS
launchctl bootout "$D/$L1"

# ---------------------------------------------------------------- bootstrap validation
cp "$TMP/one.plist" "$TMP/bad-perm.plist"; chmod 666 "$TMP/bad-perm.plist"
expect_fail "0666 plist: 122" 122 'Bootstrap failed: 122: Path had bad ownership/permissions' launchctl bootstrap "$D" "$TMP/bad-perm.plist"
cp "$TMP/one.plist" "$TMP/group-w.plist"; chmod 664 "$TMP/group-w.plist"
expect_fail "0664 plist: 122" 122 'Bootstrap failed: 122: Path had bad ownership/permissions' launchctl bootstrap "$D" "$TMP/group-w.plist"
if [ "$UID_" = 0 ]; then
  cp "$TMP/one.plist" "$TMP/other-owner.plist"; chown 65534 "$TMP/other-owner.plist"
  expect_fail "plist owned by another user: 122" 122 'Bootstrap failed: 122: Path had bad ownership/permissions' launchctl bootstrap "$D" "$TMP/other-owner.plist"
fi
mkplist "$TMP/noargs.plist" test.noargs "$S1" 1 '"ProgramArguments": None'
expect_fail "no ProgramArguments: 111" 111 'Bootstrap failed: 111: Invalid or missing Program/ProgramArguments' launchctl bootstrap "$D" "$TMP/noargs.plist"
mkplist "$TMP/nolabel.plist" x "$S1" 1 '"Label": None'
expect_fail "no Label: 110" 110 'Bootstrap failed: 110: Invalid or missing service identifier' launchctl bootstrap "$D" "$TMP/nolabel.plist"
printf '<?xml version="1.0"?>\n<plist><dict><key>Label</key>' > "$TMP/broken.plist"; chmod 644 "$TMP/broken.plist"
expect_fail "unparseable plist: 109" 109 'Bootstrap failed: 109: Invalid property list' launchctl bootstrap "$D" "$TMP/broken.plist"
expect_fail "missing plist: 2" 2 'Bootstrap failed: 2: No such file or directory' launchctl bootstrap "$D" "$TMP/nope.plist"

# ---------------------------------------------------------------- enable / disable / print-disabled
check "disable: exit 0, silent" bash -c "[ -z \"\$(launchctl disable $D/$L1 2>&1)\" ]"
check "enable other: exit 0" launchctl enable "$D/ai.openclaw.other"
PD=$(launchctl print-disabled "$D")
check "print-disabled format" [ "$PD" = "$(printf 'disabled services = {\n\t"ai.openclaw.one" => disabled\n\t"ai.openclaw.other" => enabled\n}')" ]
expect_fail "bootstrap disabled: 119" 119 'Bootstrap failed: 119: Service is disabled' launchctl bootstrap "$D" "$TMP/one.plist"
launchctl enable "$D/$L1"
check "enable then bootstrap works" launchctl bootstrap "$D" "$TMP/one.plist"
check "print-disabled shows enabled" bash -c "launchctl print-disabled $D | grep -qxP '\t\"$L1\" => enabled'"

# ---------------------------------------------------------------- concurrency
out=$(for i in 1 2 3 4 5 6 7 8; do (launchctl print "$D/$L1" | grep -c '^	state = running') & done; wait)
check "8 parallel prints all answer" [ "$(grep -c '^1$' <<<"$out")" = 8 ]
launchctl bootout "$D/$L1"
rcs=$(for i in 1 2 3 4 5; do (launchctl bootstrap "$D" "$TMP/one.plist" 2>/dev/null; echo $?) & done; wait)
check "5 concurrent bootstraps: exactly one succeeds ($(echo $rcs))" [ "$(grep -cx 0 <<<"$rcs")" = 1 -a "$(grep -cx 5 <<<"$rcs")" = 4 ]
check "... and one gateway listens" wait_until 10 listening "$P1"
check "... with one supervised job" [ "$(launchctl standin-jobs | grep -c "^$L1	")" = 1 ]
launchctl bootout "$D/$L1"

# ---------------------------------------------------------------- injected faults
mkdir -p "$LAUNCHCTL_STANDIN_STATE/faults"
echo 2 > "$LAUNCHCTL_STANDIN_STATE/faults/bootstrap-eio"
expect_fail "bootstrap-eio 1/2" 5 $'Bootstrap failed: 5: Input/output error\nTry re-running the command as root for richer errors.' launchctl bootstrap "$D" "$TMP/one.plist"
expect_fail "bootstrap-eio 2/2" 5 $'Bootstrap failed: 5: Input/output error\nTry re-running the command as root for richer errors.' launchctl bootstrap "$D" "$TMP/one.plist"
check "bootstrap-eio exhausted: bootstrap works" launchctl bootstrap "$D" "$TMP/one.plist"
launchctl bootout "$D/$L1"

echo 119 > "$LAUNCHCTL_STANDIN_STATE/faults/bootstrap-errno"
expect_fail "bootstrap-errno 119" 119 'Bootstrap failed: 119: Service is disabled' launchctl bootstrap "$D" "$TMP/one.plist"
echo 37 > "$LAUNCHCTL_STANDIN_STATE/faults/bootstrap-errno"
expect_fail "bootstrap-errno 37 (macOS errno text)" 37 'Bootstrap failed: 37: Operation already in progress' launchctl bootstrap "$D" "$TMP/one.plist"
rm "$LAUNCHCTL_STANDIN_STATE/faults/bootstrap-errno"

echo print > "$LAUNCHCTL_STANDIN_STATE/faults/hang"
start=$SECONDS
out=$(timeout 2 launchctl print "$D/$L1" 2>&1); rc=$?
check "hang fault: print killed by timeout (rc=$rc), pipe closed" [ "$rc" = 124 -a $((SECONDS - start)) -le 4 ]
echo bootstrap > "$LAUNCHCTL_STANDIN_STATE/faults/hang"
out=$(timeout -s KILL 1 launchctl bootstrap "$D" "$TMP/one.plist" 2>&1); rc=$?
check "hang fault: bootstrap SIGKILLed (rc=$rc), nothing loaded" [ "$rc" = 137 -a "$(launchctl list | grep -c "$L1")" = 0 ]
rm "$LAUNCHCTL_STANDIN_STATE/faults/hang"

export LAUNCHCTL_STANDIN_NO_GUI=1
expect_fail "no GUI (env): bootstrap 125" 125 'Bootstrap failed: 125: Domain does not support specified action' launchctl bootstrap "$D" "$TMP/one.plist"
expect_fail "no GUI (env): print 112" 112 "Could not find domain for user gui: $UID_" launchctl print "$D/$L1"
unset LAUNCHCTL_STANDIN_NO_GUI
touch "$LAUNCHCTL_STANDIN_STATE/faults/no-gui"
expect_fail "no GUI (file): bootstrap 125" 125 'Bootstrap failed: 125: Domain does not support specified action' launchctl bootstrap "$D" "$TMP/one.plist"
for sub in kickstart enable disable bootout; do
  expect_fail "no GUI (file): $sub 112" 112 "Could not find domain for user gui: $UID_" launchctl $sub "$D/$L1"
done
expect_fail "no GUI (file): print-disabled 112" 112 "Could not find domain for user gui: $UID_" launchctl print-disabled "$D"
rm "$LAUNCHCTL_STANDIN_STATE/faults/no-gui"

expect_fail "unknown subcommand: 64" 64 'Unrecognized subcommand: frobnicate' launchctl frobnicate
expect_fail "state env unset: 64" 64 'launchctl stand-in: LAUNCHCTL_STANDIN_STATE is not set (point it at a directory for the stand-in'"'"'s state)' \
  env -u LAUNCHCTL_STANDIN_STATE "$HERE/launchctl" list

# ---------------------------------------------------------------- fake gateway, run directly
S7=$(state_dir seven nomode)
out=$(OPENCLAW_STATE_DIR="$S7" "$NODE" "$FAKE" gateway --port "$(free_port)" 2>&1); rc=$?
check "fake: gateway.mode unset blocks start (exit 1)" [ "$rc" = 1 -a "$out" = 'Gateway start blocked: set gateway.mode=local (current: unset).' ]
out=$(FAKE_OPENCLAW_EXIT_CODE=78 OPENCLAW_STATE_DIR="$S7" "$NODE" "$FAKE" gateway 2>&1); rc=$?
check "fake: FAKE_OPENCLAW_EXIT_CODE" [ "$rc" = 78 -a "$out" = 'fake gateway exiting with 78' ]
S8=$(state_dir eight); P8=$(free_port)
printf '{ gateway: { mode: "local", port: %s } }\n' "$(free_port)" > "$S8/openclaw.json"
OPENCLAW_STATE_DIR="$S8" OPENCLAW_GATEWAY_PORT=$P8 FAKE_OPENCLAW_LEGACY_LOCK=1 TMPDIR="$TMP" "$NODE" "$FAKE" gateway >"$TMP/g8.log" 2>&1 &
G8=$!
check "fake: OPENCLAW_GATEWAY_PORT beats gateway.port" wait_until 5 listening "$P8"
HASH8=$(printf '%s' "$S8/openclaw.json" | sha256sum | cut -c1-8)
check "fake: legacy lock in \$TMPDIR/openclaw-<uid>/" [ -f "$TMP/openclaw-$UID_/gateway.$HASH8.lock" -a ! -e "$S8/tmp" ]
out=$(OPENCLAW_STATE_DIR="$S8" OPENCLAW_GATEWAY_PORT=$P8 FAKE_OPENCLAW_LEGACY_LOCK=1 TMPDIR="$TMP" "$NODE" "$FAKE" gateway 2>&1); rc=$?
check "fake: second gateway on the legacy lock exits 0, leaving it in control" bash -c "[ $rc = 0 ] && grep -q 'gateway already running (pid $G8)' <<<\"\$1\" && grep -q 'leaving it in control' <<<\"\$1\"" _ "$out"
kill -TERM $G8; wait $G8; rc=$?
check "fake: SIGTERM -> exit 0, lock removed" [ "$rc" = 0 -a ! -e "$TMP/openclaw-$UID_/gateway.$HASH8.lock" ]
check "fake: port free after SIGTERM" not_listening "$P8"
# A stale lock (dead pid) is taken over.
mkdir -p "$S8/tmp/openclaw-$UID_"
echo '{"pid": 999999, "createdAt": "2026-01-01T00:00:00Z", "port": 1, "startTime": 1}' > "$S8/tmp/openclaw-$UID_/gateway.state.lock"
OPENCLAW_STATE_DIR="$S8" "$NODE" "$FAKE" gateway --port="$P8" >"$TMP/g8b.log" 2>&1 &
G8=$!
check "fake: stale lock taken over, --port= form" wait_until 5 listening "$P8"
check "fake: state lock now names the new pid" bash -c "grep -q '\"pid\": $G8' '$S8/tmp/openclaw-$UID_/gateway.state.lock'"
kill -TERM $G8; wait $G8

# ---------------------------------------------------------------- StartInterval
# StartInterval 50 at scale 0.02 fires every 1 s; each run takes 1.3 s, so every other firing is missed.
python3 - "$TMP/tick.plist" "$TMP" <<'EOF'
import plistlib, sys
path, tmp = sys.argv[1:3]
plistlib.dump({"Label": "t.tick", "StartInterval": 50,
               "ProgramArguments": ["/bin/sh", "-c", 'date +%s.%N >> "$0"/ticks; echo "$LAUNCHCTL_STANDIN_STATE" > "$0"/tick-env; sleep 1.3', tmp]},
              open(path, "wb"))
EOF
chmod 644 "$TMP/tick.plist"
launchctl bootstrap "$D" "$TMP/tick.plist"
TICK=$(launchctl print "$D/t.tick")
check "StartInterval: loaded, not started at load without RunAtLoad" has_lines "$TICK" $'\tstate = not running' $'\truns = 0'
check "StartInterval: print shows 'run interval = 50 seconds'" has_lines "$TICK" $'\trun interval = 50 seconds'
check "StartInterval: the timer starts it again and again" wait_until 10 runs_at_least t.tick 3
check "StartInterval: a firing while it runs is missed (runs about 2 s apart)" python3 -c '
import sys; t = [float(x) for x in open(sys.argv[1]).read().split()]
sys.exit(0 if len(t) >= 3 and all(1.8 <= b - a <= 2.6 for a, b in zip(t, t[1:])) else 1)' "$TMP/ticks"
check "StartInterval: the job's launchctl reaches this stand-in" [ "$(cat "$TMP/tick-env")" = "$LAUNCHCTL_STANDIN_STATE" ]
check "StartInterval: the plumbing is not in print's environment" bash -c "! launchctl print '$D/t.tick' | grep -q 'LAUNCHCTL_STANDIN_[A-Z_]* =>'"
launchctl bootout "$D/t.tick"

# ---------------------------------------------------------------- standin-reset
launchctl bootstrap "$D" "$TMP/one.plist"
check "reset: gateway up before reset" wait_until 5 listening "$P1"
SUP=$(launchctl standin-jobs | sed -n "s/^$L1\tsupervisor=\([0-9]*\).*/\1/p")
launchctl standin-reset
check "reset: port released" not_listening "$P1"
check "reset: supervisor gone" gone "$SUP"
check "reset: no jobs left" [ -z "$(launchctl standin-jobs)" -a "$(launchctl list)" = "$(printf 'PID\tStatus\tLabel')" ]

echo
if [ "$FAILS" -ne 0 ]; then echo "selftest: $FAILS FAILED"; exit 1; fi
echo "selftest: all passed"
