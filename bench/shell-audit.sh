#!/usr/bin/env bash
# The baseline for bench/live.sh: what a hand-written health check does, one instance after the
# other: for each plist, `launchctl print` its label and `lsof` its port. No parsing beyond that.
set -u
agents="$1"
uid="$(id -u)"
healthy=0
total=0
for plist in "$agents"/ai.openclaw.*.plist; do
  label="$(basename "$plist" .plist)"
  port="$(/usr/bin/python3 -c 'import plistlib,sys; a=plistlib.load(open(sys.argv[1],"rb"))["ProgramArguments"]; print(a[a.index("--port")+1])' "$plist")"
  total=$((total + 1))
  if launchctl print "gui/$uid/$label" 2>/dev/null | grep -q "state = running" \
      && lsof -nP -iTCP:"$port" -sTCP:LISTEN >/dev/null 2>&1; then
    healthy=$((healthy + 1))
  fi
done
echo "$healthy of $total healthy"
