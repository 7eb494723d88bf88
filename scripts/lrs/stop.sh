#!/usr/bin/env bash
# Stops the Ralph LRS that start.sh started in DIR (by its recorded process id).
#   stop.sh DIR
set -euo pipefail
pid_file="$1/pid"
[ -f "$pid_file" ] || exit 0
pid="$(cat "$pid_file")"
kill "$pid" 2>/dev/null || true
for _ in $(seq 1 50); do
  kill -0 "$pid" 2>/dev/null || { rm -f "$pid_file"; exit 0; }
  sleep 0.1
done
kill -9 "$pid" 2>/dev/null || true
rm -f "$pid_file"
