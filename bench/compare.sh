#!/usr/bin/env bash
# Runs every workload of docs/BENCHMARKS.md against ngIRCd and tuichat-server, alternating,
# each on a freshly started server, and appends one JSON line per run to the results file.
# Usage: bench/compare.sh [results.jsonl] [repeats] [rows...]
#   defaults: bench/results.jsonl, 3 repeats of the throughput rows (the memory rows run once),
#   rows: fanout fanout-w0 paced idle5000 room2000 logins logins50
#   ARGS_<row>="..." replaces a row's bench arguments (e.g. fewer clients on a loaded machine;
#   "-" in a row name becomes "_": ARGS_fanout_w0).
#   NGIRCD_PORT, TUICHAT_PORT, TUICHAT_IRC_PORT move the servers (6667, 5055, 6668).
#   PROTOS="irc tuichat tuichat-irc" (default) picks the servers (tuichat-irc: tuichat-server's own
#   --irc-port, driven with --proto irc; irc-nodelay: ngIRCd with Nagle's algorithm off on its
#   connections, as tuichat-server has it, bench/ngircd-nodelay.c); RUN_TIMEOUT=1800 bounds each run (seconds);
#   WARMUP=0 skips the warm-up load each server gets before its measured run; WARMUP_ROW=N runs its
#   last part N times (the row itself with other names; default 2, 0 skips it).
# Each line has compilerCpuMs: what the .NET runtime's compiler thread ran during the measured run
# (JIT work the warm-up did not finish; 0 for ngIRCd). bench/summarize.py shows it as "JIT ms".
# Needs: ngircd (apt-get install ngircd), Release builds of TuiChat.Bench and TuiChat.Server.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out=${1:-$here/results.jsonl}
repeats=${2:-3}
bench=(dotnet "$root/src/TuiChat.Bench/bin/Release/net10.0/tuichat-bench.dll")
irc_port=${NGIRCD_PORT:-6667}
tuichat_port=${TUICHAT_PORT:-5055}
tuichat_irc_port=${TUICHAT_IRC_PORT:-6668}
# ngIRCd listens with a backlog of 10: never more connection attempts in flight than that.
common=(--host 127.0.0.1 --connect-parallel 8 --json-only)

declare -A rows=(
  [fanout]="--clients 100 --senders 10 --messages 5000 --size 64"
  [fanout-w0]="--clients 100 --senders 10 --messages 5000 --size 64 --window 0"
  [paced]="--clients 100 --senders 10 --messages 300 --size 64 --rate 200"
  [idle5000]="--idle --clients 5000 --hold 5"
  [room2000]="--clients 2000 --idle-clients 3000 --senders 10 --messages 500 --size 64 --window 32"
  # Logins: setupSeconds (connect + log in + join) and serverSetupCpuSeconds are the figures.
  [logins]="--idle --clients 5000 --rooms 1 --hold 0 --timeout 900"
  [logins50]="--idle --clients 5000 --rooms 50 --hold 0 --timeout 900"
)
# The memory and login rows take minutes (every login tells its room's members: N clients in
# one room cost N^2 frames to set up, on every server), so they run once.
declare -A once=([idle5000]=1 [room2000]=1 [logins]=1 [logins50]=1)
# Rows whose setup (connect, log in, join) is the measured figure.
declare -A logins_row=([room2000]=1 [logins]=1 [logins50]=1)
shift $(( $# > 2 ? 2 : $# ))
order=("$@")
[ ${#order[@]} -gt 0 ] || order=(fanout fanout-w0 paced idle5000 room2000 logins logins50)

start_server() {
  case $1 in
    irc) "$here/run-ngircd.sh" "$irc_port" ;;
    irc-nodelay) NGIRCD_NODELAY=1 "$here/run-ngircd.sh" "$irc_port" ;;
    tuichat) "$here/run-tuichat.sh" "$tuichat_port" ;;
    tuichat-irc) IRC_PORT=$tuichat_irc_port "$here/run-tuichat.sh" "$tuichat_port" ;;
  esac
}

# Waits (at most 30 s) until the server has used under 20 ms of CPU in half a second: the JIT's
# background work and the last closes of a warm-up are over.
wait_quiet() {
  local before after
  for _ in $(seq 60); do
    before=$(awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null) || return 0
    sleep 0.5
    after=$(awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null) || return 0
    [ $((after - before)) -lt 2 ] && return 0
  done
}

# Prints the CPU (ms) the .NET runtime's tiered-compilation thread runs from now until the file
# $2 is removed; 0 for ngIRCd. JIT work in the measured run is work a long-running server has
# finished long ago and ngIRCd never does, and the run's server CPU includes it. The runtime ends
# that thread after a few idle seconds and starts a new one when work comes: the thread is read
# every half second and, when it is gone, looked for among the server's threads every two seconds
# and once after the run (a new one works, then idles for seconds before it ends, so it is read
# before it goes). Reading only that thread keeps the watcher's own cost equal for both servers:
# looking through TuiChat's 120 threads every half second cost a few percent of a core.
watch_compiler() {
  local pid=$1 flag=$2 task name ns tid="" since_scan=4 final=0 first=1 total=0
  local -A start=() last=()
  while true; do
    [ -e "$flag" ] || final=1
    if [ -z "$tid" ] || [ ! -e "/proc/$pid/task/$tid" ]; then
      tid=""
      if [ "$since_scan" -ge 4 ] || [ "$final" = 1 ]; then
        since_scan=0
        for task in /proc/"$pid"/task/*; do
          # A thread may end between the glob and the read: the redirection fails, not read, so the
          # whole command's stderr goes to /dev/null.
          { read -r name < "$task/comm"; } 2>/dev/null || continue
          if [ "$name" = ".NET Tiered Com" ]; then
            tid=${task##*/}
            break
          fi
        done
      fi
      since_scan=$((since_scan + 1))
    fi
    if [ -n "$tid" ] && read -r ns _ < "/proc/$pid/task/$tid/schedstat" 2>/dev/null; then
      # The thread there when the run starts has run before it: only what it runs from now counts.
      [ -n "$first" ] && start[$tid]=$ns
      last[$tid]=$ns
    fi
    first=""
    [ "$final" = 1 ] && break
    sleep 0.5
  done
  for tid in "${!last[@]}"; do
    total=$(( total + last[$tid] - ${start[$tid]:-0} ))
  done
  echo $(( total / 1000000 ))
}

stop_server() {
  kill "$1" 2>/dev/null
  for _ in $(seq 100); do
    kill -0 "$1" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -9 "$1" 2>/dev/null
}

echo "{\"meta\":{\"date\":\"$(date -u +%FT%TZ)\",\"commit\":\"$(git -C "$root" rev-parse --short HEAD)\",\"cpus\":$(nproc),\"kernel\":\"$(uname -r)\",\"ngircd\":\"$(ngircd --version 2>/dev/null | head -1 | cut -d' ' -f1-2)\",\"dotnet\":\"$(dotnet --version)\"}}" | tee -a "$out"
for row in "${order[@]}"; do
  n=$([ -n "${once[$row]:-}" ] && echo 1 || echo "$repeats")
  for ((i = 1; i <= n; i++)); do
    for server in ${PROTOS:-irc tuichat tuichat-irc}; do
      case $server in
        irc | irc-nodelay) proto=irc port=$irc_port ;;
        tuichat) proto=tuichat port=$tuichat_port ;;
        tuichat-irc) proto=irc port=$tuichat_irc_port ;;
      esac
      pid=$(start_server "$server") || { echo "could not start $server" >&2; continue; }
      # A fresh .NET server spends most of a short run's CPU in its JIT (perf: 75 % of the
      # samples of a 15 s paced run were the tiered-compilation thread). A long-running server has
      # paid that once, and ngIRCd never pays it: warm every server up with the same short load
      # first (its own user names), so each row measures steady state. WARMUP=0 skips it.
      if [ "${WARMUP:-1}" != 0 ]; then
        # shellcheck disable=SC2086
        timeout 300 "${bench[@]}" --proto "$proto" --port "$port" "${common[@]}" --user-prefix warm \
          --clients 100 --senders 10 --messages 300 --size 64 >/dev/null 2>&1
        timeout 300 "${bench[@]}" --proto "$proto" --port "$port" "${common[@]}" --user-prefix warm2 \
          --clients 100 --senders 10 --messages 100 --size 64 --rate 400 >/dev/null 2>&1
        # The login rows measure logins: warm the login and join path the same way (300 users
        # over 50 rooms of their own, gone again before the measured run).
        if [ -n "${logins_row[$row]:-}" ]; then
          timeout 300 "${bench[@]}" --proto "$proto" --port "$port" "${common[@]}" --user-prefix warm3 \
            --room "#warm" --idle --clients 300 --rooms 50 --hold 0 >/dev/null 2>&1
        fi
      fi
      # A variable name cannot hold "-": ARGS_fanout_w0 is the fanout-w0 row's.
      args_var="ARGS_${row//-/_}"
      # The warm-up above leaves work to the JIT: methods first called often in it are promoted to
      # optimized code in the background, during the measured run (0.4-0.7 s of the tiered
      # compiler's CPU in a 4-5 s paced run). A server that has run for hours has paid that long
      # ago: run the row WARMUP_ROW more times (default 2) with their own names and rooms, and let
      # the server go quiet, before the one that counts. One such run still left 0.26-0.33 s of
      # compiling in a 3.7-4.2 s paced run (the CPU of the runtime's tiered-compilation thread in
      # /proc, read before and after); two left none. WARMUP_ROW=0 skips it.
      # Not for idle5000: it measures memory per client from the RSS before its clients connect,
      # which the row's own warm-up would have raised already.
      if [ "${WARMUP:-1}" != 0 ] && [ "$row" != idle5000 ]; then
        for ((w = 1; w <= ${WARMUP_ROW:-2}; w++)); do
          # shellcheck disable=SC2086
          timeout "${RUN_TIMEOUT:-1800}" "${bench[@]}" --proto "$proto" --port "$port" "${common[@]}" --user-prefix "wrow$w" \
            --room "#wrow$w" ${!args_var:-${rows[$row]}} >/dev/null 2>&1
        done
        wait_quiet "$pid"
      fi
      load=$(cut -d' ' -f1 /proc/loadavg)
      watching=$(mktemp)
      watch_compiler "$pid" "$watching" > "$watching.ms" &
      watcher=$!
      # shellcheck disable=SC2086
      line=$(timeout "${RUN_TIMEOUT:-1800}" "${bench[@]}" --proto "$proto" --port "$port" --server-pid "$pid" "${common[@]}" ${!args_var:-${rows[$row]}})
      status=$?
      rm -f "$watching"
      wait "$watcher"
      compiler_ms=$(cat "$watching.ms")
      [ -n "$compiler_ms" ] || compiler_ms=null
      rm -f "$watching.ms"
      stop_server "$pid"
      echo "{\"row\":\"$row\",\"server\":\"$server\",\"run\":$i,\"exit\":$status,\"loadavg\":$load,\"compilerCpuMs\":$compiler_ms,\"result\":${line:-null}}" | tee -a "$out"
    done
  done
done
