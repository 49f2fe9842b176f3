#!/usr/bin/env bash
# Runs tuichat-bench against a fresh TuiChat cluster on this machine (docs/BENCHMARKS.md, issue 14):
# scripts/cluster.sh starts one PostgreSQL, one Redis and NODES tuichat-server nodes (Release
# build) in a throw-away folder; the bench spreads its clients over the nodes (client i on node
# i mod NODES, senders too) and sums the nodes' CPU and memory. Each run gets a fresh cluster and,
# first, the same short warm-up load as bench/compare.sh (a young .NET process spends a short run's
# CPU in its JIT). Prints one JSON line per run.
# Usage: bench/cluster.sh NODES [tuichat-bench arguments...]
#   NODES=1 with REDIS=off: one server on the same PostgreSQL without --redis (the baseline).
#   PORT (default 7100): the first node's port.  KEEP=1 leaves the cluster running.
# Needs: postgresql and redis-server (Debian packages); dotnet build -c Release of TuiChat.Server and TuiChat.Bench.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
nodes=${1:?usage: bench/cluster.sh NODES [bench arguments...]}
shift
port=${PORT:-7100}
bench=(dotnet "$root/src/TuiChat.Bench/bin/Release/net10.0/tuichat-bench.dll")
dll="$root/src/TuiChat.Server/bin/Release/net10.0/tuichat-server.dll"
[ -f "$dll" ] || { echo "build it first: dotnet build -c Release src/TuiChat.Server" >&2; exit 1; }

dir=$(mktemp -d /tmp/tuichat-bench-cluster.XXXXXX)
chmod 755 "$dir"
cluster() {
  TUICHAT_CLUSTER_DIR=$dir TUICHAT_CLUSTER_PORT=$port TUICHAT_CLUSTER_NODES=$nodes TUICHAT_CLUSTER_REDIS=${REDIS:-on} \
    TUICHAT_SERVER="dotnet $dll" TUICHAT_SERVER_ARGS="--bind 127.0.0.1 --rate 0 --max-connections-per-address 0" \
    "$root/scripts/cluster.sh" "$@"
}
finish() {
  if [ "${KEEP:-0}" != 1 ]; then
    cluster stop >/dev/null 2>&1 || true
    rm -rf "$dir"
  fi
}
trap finish EXIT
ulimit -n "$(ulimit -Hn)"
cluster start >&2
ports=$(seq -s, "$port" $((port + nodes - 1)))
pids=$(cat "$dir"/node*/pid | paste -sd,)
common=(--host 127.0.0.1 --port "$ports" --connect-parallel 8 --json-only)
"${bench[@]}" "${common[@]}" --user-prefix warm --clients 100 --senders 10 --messages 300 --size 64 >/dev/null 2>&1 || true
"${bench[@]}" "${common[@]}" --user-prefix warm2 --clients 100 --senders 10 --messages 100 --size 64 --rate 400 >/dev/null 2>&1 || true
# CPU seconds (user + system, with reaped children) of PostgreSQL (the postmaster and its backends)
# and Redis: what the shared services cost beside the nodes, which the bench sums itself.
services_cpu() {
  local postmaster; postmaster=$(head -1 "$dir/pg/data/postmaster.pid")
  local pids; pids="$postmaster $(pgrep -P "$postmaster" | tr '\n' ' ') $(cat "$dir/redis.pid" 2>/dev/null)"
  # shellcheck disable=SC2086
  for pid in $pids; do cat "/proc/$pid/stat" 2>/dev/null; done |
    awk '{ sub(/^.*\) /, ""); t += $12 + $13 + $14 + $15 } END { printf "%.2f", t / 100 }'
}
load=$(cut -d' ' -f1 /proc/loadavg)
before=$(services_cpu)
line=$("${bench[@]}" "${common[@]}" --server-pid "$pids" "$@") && status=0 || status=$?
services=$(awk -v a="$before" -v b="$(services_cpu)" 'BEGIN { printf "%.2f", b - a }')
echo "{\"nodes\":$nodes,\"redis\":\"${REDIS:-on}\",\"exit\":$status,\"loadavg\":$load,\"servicesCpuSeconds\":$services,\"commit\":\"$(git -C "$root" rev-parse --short HEAD)\",\"result\":${line:-null}}"
