#!/usr/bin/env bash
# Starts ngIRCd on 127.0.0.1 for a bench run, with bench/ngircd.conf.
# Usage: bench/run-ngircd.sh [port]   (default 6667)
#   NGIRCD_NODELAY=1 turns Nagle's algorithm off on its connections, as tuichat-server does
#   (bench/ngircd-nodelay.c, built here with cc and preloaded; needs gcc).
# Prints the server's pid (for tuichat-bench --server-pid); stop it with: kill <pid>
set -euo pipefail
port=${1:-6667}
here=$(cd "$(dirname "$0")" && pwd)
command -v ngircd >/dev/null || { echo "ngircd is not installed: apt-get install ngircd" >&2; exit 1; }

rundir=$(mktemp -d /tmp/ngircd-bench.XXXXXX)
# ngIRCd may drop root privileges before it writes its pid file: let any user write here.
chmod 1777 "$rundir"
sed -e "s|@PORT@|$port|" -e "s|@RUNDIR@|$rundir|" "$here/ngircd.conf" > "$rundir/ngircd.conf"
ngircd --configtest --config "$rundir/ngircd.conf" >/dev/null

preload=()
if [ "${NGIRCD_NODELAY:-0}" != 0 ]; then
  cc -shared -fPIC -O2 -o "$rundir/ngircd-nodelay.so" "$here/ngircd-nodelay.c" -ldl
  preload=(env "LD_PRELOAD=$rundir/ngircd-nodelay.so")
fi

# Thousands of clients need thousands of descriptors.
ulimit -n "$(ulimit -Hn)"
# --nodaemon keeps it our child so that its pid is known; logs go to the run directory.
nohup "${preload[@]}" ngircd --nodaemon --config "$rundir/ngircd.conf" > "$rundir/ngircd.log" 2>&1 &
pid=$!
for _ in $(seq 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "$pid"
    exit 0
  fi
  sleep 0.1
done
echo "ngircd did not start; see $rundir/ngircd.log" >&2
kill "$pid" 2>/dev/null || true
exit 1
