#!/usr/bin/env bash
# Starts a Release build of tuichat-server on 127.0.0.1 for a bench run, with a throw-away data
# and log folder, the request rate limit off (--rate 0) and no cap on connections per address
# (every bench client comes from 127.0.0.1).
# Usage: bench/run-tuichat.sh [port]   (default 5000)
#   TUICHAT_SERVER_DLL=path overrides the server build to run.
#   IRC_PORT=n also opens the IRC listener (--irc-port n) and waits for it.
#   TUICHAT_SERVER_ARGS="..." adds server options (e.g. --sqlite-synchronous normal).
# Prints the server's pid (for tuichat-bench --server-pid); stop it with: kill <pid>
set -euo pipefail
port=${1:-5000}
root=$(cd "$(dirname "$0")/.." && pwd)
dll=${TUICHAT_SERVER_DLL:-$root/src/TuiChat.Server/bin/Release/net10.0/tuichat-server.dll}
[ -f "$dll" ] || { echo "build it first: dotnet build src/TuiChat.Server -c Release" >&2; exit 1; }

rundir=$(mktemp -d /tmp/tuichat-bench.XXXXXX)
ulimit -n "$(ulimit -Hn)"
irc=()
[ -z "${IRC_PORT:-}" ] || irc=(--irc-port "$IRC_PORT")
# shellcheck disable=SC2086
nohup dotnet "$dll" --bind 127.0.0.1 --port "$port" "${irc[@]}" ${TUICHAT_SERVER_ARGS:-} --rate 0 --max-connections-per-address 0 --data "$rundir/data" --log "$rundir/logs" \
  > "$rundir/server.out" 2>&1 &
pid=$!
for _ in $(seq 300); do
  if (exec 3<>"/dev/tcp/127.0.0.1/${IRC_PORT:-$port}") 2>/dev/null; then
    echo "$pid"
    exit 0
  fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
echo "tuichat-server did not start; see $rundir/server.out" >&2
kill "$pid" 2>/dev/null || true
exit 1
