#!/usr/bin/env bash
# Starts the Ralph LRS installed by install.sh on 127.0.0.1, for tests and benchmarks.
#   start.sh DIR [PORT]
# DIR holds everything of this LRS: the statements (DIR/data), Ralph's bcrypt credentials
# file (DIR/auth.json), the trainee-side credentials "user:password" (DIR/credentials, mode
# 600, generated once), the port (DIR/port), the server's process id (DIR/pid) and log
# (DIR/log). Without PORT a free one is picked; restarting on the same DIR keeps the
# statements, the credentials and the port. Prints the endpoint once the LRS answers.
set -euo pipefail
home="${RAPPORT_LRS_HOME:-/opt/rapport-lrs}"
here="$(cd "$(dirname "$0")" && pwd)"
dir="$1"
[ -x "$home/bin/uvicorn" ] || { echo "error: Ralph is not installed in $home (run scripts/lrs/install.sh)" >&2; exit 2; }
mkdir -p "$dir/data"
dir="$(cd "$dir" && pwd)"
if [ ! -f "$dir/credentials" ]; then
  password="$("$home/bin/python" -c 'import secrets; print(secrets.token_urlsafe(18))')"
  (umask 077 && printf 'rapport:%s' "$password" >"$dir/credentials")
  # The password goes to Ralph's hashing on stdin, never on a command line.
  printf '%s' "$password" | "$home/bin/python" -c '
import bcrypt, json, sys
password = sys.stdin.read().encode()
hashed = bcrypt.hashpw(password, bcrypt.gensalt(rounds=4)).decode()
json.dump([{"agent": {"mbox": "mailto:rapport-tests@example.org", "objectType": "Agent"},
            "scopes": ["all"], "hash": hashed, "username": "rapport"}], open(sys.argv[1], "w"))
' "$dir/auth.json"
fi
if [ $# -ge 2 ]; then
  port="$2"
elif [ -f "$dir/port" ]; then
  port="$(cat "$dir/port")"
else
  port="$("$home/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
fi
echo "$port" >"$dir/port"
cd "$dir"
PYTHONPATH="$here" \
RALPH_RUNSERVER_BACKEND=fs \
RALPH_AUTH_FILE="$dir/auth.json" \
RALPH_APP_DIR="$dir" \
RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH="$dir/data" \
  setsid "$home/bin/uvicorn" ralph_lrs:app --host 127.0.0.1 --port "$port" --log-level warning \
  >>"$dir/log" 2>&1 </dev/null &
echo $! >"$dir/pid"
for _ in $(seq 1 100); do
  if "$home/bin/python" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)' \
      "http://127.0.0.1:$port/__heartbeat__" 2>/dev/null; then
    echo "http://127.0.0.1:$port/xAPI/"
    exit 0
  fi
  kill -0 "$(cat "$dir/pid")" 2>/dev/null || { echo "error: Ralph stopped; see $dir/log" >&2; tail -5 "$dir/log" >&2; exit 1; }
  sleep 0.1
done
echo "error: Ralph did not answer on port $port within 10 s; see $dir/log" >&2
exit 1
