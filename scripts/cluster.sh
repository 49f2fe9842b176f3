#!/usr/bin/env bash
# Starts or stops a TuiChat cluster on this machine for trying it out (docs/SCALING.md):
# one PostgreSQL and one Redis on unix sockets only, and three tuichat-server nodes on loopback.
#
#   scripts/cluster.sh start     # PostgreSQL, Redis, nodes on 127.0.0.1:$PORT, $PORT+1, $PORT+2
#   scripts/cluster.sh stop      # all of it, in the opposite order
#   scripts/cluster.sh status
#
# Settings (environment): TUICHAT_CLUSTER_DIR (default /tmp/tuichat-cluster: data, sockets, logs),
# TUICHAT_CLUSTER_PORT (default 5000), TUICHAT_CLUSTER_NODES (default 3), TUICHAT_SERVER (the
# command that runs tuichat-server; default: tuichat-server on PATH, else this checkout's build),
# TUICHAT_SERVER_ARGS (more options for every node, e.g. "--rate 0" for a benchmark),
# TUICHAT_CLUSTER_REDIS=off (nodes without --redis: with one node, a single server on the same
# PostgreSQL, the baseline bench/cluster.sh compares a cluster with).
# Needs no systemd: PostgreSQL (apt-get install postgresql) runs through initdb/pg_ctl, as the
# postgres user when this runs as root; Redis (apt-get install redis-server) with --daemonize.
set -euo pipefail

DIR=${TUICHAT_CLUSTER_DIR:-/tmp/tuichat-cluster}
PORT=${TUICHAT_CLUSTER_PORT:-5000}
NODES=${TUICHAT_CLUSTER_NODES:-3}
REPO=$(cd "$(dirname "$0")/.." && pwd)
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
[ -n "$PG_BIN" ] || PG_BIN=$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent/pg_ctl)")

as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

server_command() {
    if [ -n "${TUICHAT_SERVER:-}" ]; then echo "$TUICHAT_SERVER"; return; fi
    if command -v tuichat-server >/dev/null; then echo tuichat-server; return; fi
    local dll="$REPO/src/TuiChat.Server/bin/Release/net10.0/tuichat-server.dll"
    if [ ! -f "$dll" ]; then
        dotnet build -c Release "$REPO/src/TuiChat.Server" -v q --nologo >"$DIR/build.log" || { cat "$DIR/build.log" >&2; exit 1; }
    fi
    echo "dotnet $dll"
}

start_postgres() {
    [ -x "$PG_BIN/pg_ctl" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
    mkdir -p "$DIR/pg"
    [ "$(id -u)" = 0 ] && chown postgres "$DIR/pg"
    if [ ! -f "$DIR/pg/data/PG_VERSION" ]; then
        as_postgres "$PG_BIN/initdb" -D "$DIR/pg/data" -U postgres --auth=trust -E UTF8 >/dev/null
    fi
    # Unix socket only (listen_addresses empty), in the cluster folder.
    as_postgres "$PG_BIN/pg_ctl" -D "$DIR/pg/data" -l "$DIR/pg/log" -w start \
        -o "-k $DIR/pg -c listen_addresses=" >/dev/null
    as_postgres "$PG_BIN/psql" -h "$DIR/pg" -U postgres -qtAc "SELECT 1 FROM pg_database WHERE datname = 'tuichat'" | grep -q 1 \
        || as_postgres "$PG_BIN/createdb" -h "$DIR/pg" -U postgres tuichat
    echo "PostgreSQL: socket in $DIR/pg, database tuichat"
}

start_redis() {
    command -v redis-server >/dev/null || { echo "Redis is not installed (apt-get install redis-server)" >&2; exit 1; }
    redis-server --port 0 --unixsocket "$DIR/redis.sock" --unixsocketperm 700 --daemonize yes \
        --pidfile "$DIR/redis.pid" --logfile "$DIR/redis.log" --dir "$DIR" --save "" --appendonly no
    for _ in $(seq 100); do [ -S "$DIR/redis.sock" ] && break; sleep 0.1; done
    echo "Redis: $DIR/redis.sock"
}

start_nodes() {
    local server; server=$(server_command)
    # Say which build runs: an installed tool may be older than this checkout.
    echo "nodes run: $server$( [ "$server" = tuichat-server ] && echo " ($(command -v tuichat-server); TUICHAT_SERVER chooses another)")"
    for i in $(seq 0 $((NODES - 1))); do
        local port=$((PORT + i)) node="$DIR/node$i"
        mkdir -p "$node"
        # shellcheck disable=SC2086 # $server may be "dotnet path.dll"
        local redis=(--redis "$DIR/redis.sock")
        [ "${TUICHAT_CLUSTER_REDIS:-on}" != off ] || redis=()
        nohup $server --port "$port" --data "$node/data" --log "$node/logs" \
            --postgres "Host=$DIR/pg;Database=tuichat;Username=postgres" "${redis[@]}" ${TUICHAT_SERVER_ARGS:-} \
            >"$node/out.log" 2>&1 &
        echo $! >"$node/pid"
    done
    for i in $(seq 0 $((NODES - 1))); do
        local node="$DIR/node$i"
        for _ in $(seq 300); do
            grep -q "listening on" "$node/out.log" 2>/dev/null && break
            kill -0 "$(cat "$node/pid")" 2>/dev/null || { echo "node $i did not start:" >&2; cat "$node/out.log" >&2; exit 1; }
            sleep 0.1
        done
        echo "node $i: 127.0.0.1:$((PORT + i)) (log $node/out.log)"
    done
    local hosts; hosts=$(seq -s, -f "127.0.0.1:%g" "$PORT" $((PORT + NODES - 1)))
    echo "Clients: tuichat --host $hosts --user NAME"
}

stop_all() {
    for pidfile in "$DIR"/node*/pid; do
        [ -f "$pidfile" ] || continue
        local pid; pid=$(cat "$pidfile")
        if kill "$pid" 2>/dev/null; then
            for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        fi
        rm -f "$pidfile"
    done
    if [ -f "$DIR/redis.pid" ]; then
        kill "$(cat "$DIR/redis.pid")" 2>/dev/null || true
        rm -f "$DIR/redis.pid"
    fi
    if [ -f "$DIR/pg/data/postmaster.pid" ]; then
        as_postgres "$PG_BIN/pg_ctl" -D "$DIR/pg/data" -m fast -w stop >/dev/null
    fi
    echo "stopped (data kept in $DIR; remove it to start afresh)"
}

status() {
    for pidfile in "$DIR"/node*/pid; do
        [ -f "$pidfile" ] || continue
        if kill -0 "$(cat "$pidfile")" 2>/dev/null; then echo "$(dirname "$pidfile"): running"; else echo "$(dirname "$pidfile"): gone"; fi
    done
    if [ -S "$DIR/redis.sock" ] && redis-cli -s "$DIR/redis.sock" ping >/dev/null 2>&1; then echo "redis: running"; else echo "redis: down"; fi
    as_postgres "$PG_BIN/pg_ctl" -D "$DIR/pg/data" status >/dev/null 2>&1 && echo "postgres: running" || echo "postgres: down"
}

# A second start would fail half-way, in pg_ctl's words ("another server might be running").
refuse_if_running() {
    local running=""
    for pidfile in "$DIR"/node*/pid; do
        [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null && running=yes
    done
    [ -f "$DIR/redis.pid" ] && kill -0 "$(cat "$DIR/redis.pid")" 2>/dev/null && running=yes
    [ -f "$DIR/pg/data/postmaster.pid" ] && as_postgres "$PG_BIN/pg_ctl" -D "$DIR/pg/data" status >/dev/null 2>&1 && running=yes
    if [ -n "$running" ]; then
        echo "a cluster is already running in $DIR: $0 status shows it, $0 stop stops it" >&2
        exit 1
    fi
}

mkdir -p "$DIR"
case "${1:-}" in
    start) refuse_if_running; start_postgres; start_redis; start_nodes ;;
    stop) stop_all ;;
    status) status ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
