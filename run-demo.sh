#!/usr/bin/env bash
# TuiChat demo: builds the solution, starts a server and three full-screen clients (alice, bob,
# carol) chatting in #general, inside a tmux session named tuichat-demo sized to the terminal it
# is started from: 160x48 or larger gives four panes side by side; smaller (80x24) gives one
# full-screen client per tmux window.
#
#   ./run-demo.sh         start from a clean data folder (or say how to reach the running demo)
#   ./run-demo.sh --keep  start with the accounts and history of the last run
#   ./run-demo.sh stop    stop the server and the clients
#
# Environment: TUICHAT_DEMO_PORT (default: the first free port from 5000),
#              TUICHAT_ADMIN_PASSWORD (default: a demo value, printed below).
set -euo pipefail
cd "$(dirname "$0")"

SESSION=tuichat-demo
DEMO_DIR="$PWD/.demo"
SERVER_DLL="$PWD/src/TuiChat.Server/bin/Release/net10.0/tuichat-server.dll"
CLIENT_DLL="$PWD/src/TuiChat.Client/bin/Release/net10.0/tuichat.dll"
ADMIN_PASSWORD="${TUICHAT_ADMIN_PASSWORD:-demo-admin-secret}"
USERS=(alice bob carol)
HELLOS=("hi all, alice here" "hey alice! bob here, ready when you are" "morning both, carol joining")

say() { printf 'run-demo: %s\n' "$*"; }
# Inside tmux, "tmux attach" would nest a session in a pane: switch this client to it instead.
attach_command() {
  if [[ -n "${TMUX:-}" ]]; then echo "tmux switch-client -t $SESSION   (Ctrl+B ( comes back)"; else echo "tmux attach -t $SESSION"; fi
}
has() { command -v "$1" >/dev/null 2>&1; }

stop_demo() {
  # The server treats SIGHUP as "reopen the log file", so closing its tmux pane does not stop
  # it: send SIGTERM to the process id it left here (tmux or separate terminals alike) first.
  if [[ -f "$DEMO_DIR/server.pid" ]]; then
    pid=$(cat "$DEMO_DIR/server.pid")
    if kill "$pid" 2>/dev/null; then say "stopped the server (pid $pid)"; fi
    rm -f "$DEMO_DIR/server.pid"
  fi
  if has tmux && tmux has-session -t "$SESSION" 2>/dev/null; then
    tmux kill-session -t "$SESSION"
    say "stopped the tmux session $SESSION (clients)"
  fi
  say "demo data and logs stay in $DEMO_DIR until the next start (which clears them unless --keep)"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pick_port() {
  local port="${TUICHAT_DEMO_PORT:-5000}"
  while port_in_use "$port"; do port=$((port + 1)); done
  echo "$port"
}

# Polls a tmux pane until TEXT is on its screen (up to 60 s, first builds can be slow).
wait_for_screen() {
  local pane="$1" text="$2"
  for _ in $(seq 1 600); do
    if tmux capture-pane -p -t "$pane" 2>/dev/null | grep -qF "$text"; then return 0; fi
    sleep 0.1
  done
  say "warning: \"$text\" did not appear in pane $pane"
  return 1
}

wait_for_port() {
  for _ in $(seq 1 300); do
    if port_in_use "$1"; then return 0; fi
    sleep 0.1
  done
  say "error: the server did not start listening on port $1; see $DEMO_DIR/logs"
  exit 1
}

print_help() {
  cat <<EOF

  Server:         127.0.0.1:$PORT   (data and logs in $DEMO_DIR)
  Admin password: $ADMIN_PASSWORD   (TUICHAT_ADMIN_PASSWORD; log in as admin with
                  TUICHAT_ADMIN_PASSWORD='$ADMIN_PASSWORD' dotnet $CLIENT_DLL --port $PORT --user admin --password-env TUICHAT_ADMIN_PASSWORD)
  Another client: dotnet $CLIENT_DLL --port $PORT --user dave      (add --menu for the numbered menu)
EOF
}

ACTION=start
KEEP=0
for arg in "$@"; do
  case "$arg" in
    start|stop) ACTION="$arg" ;;
    --keep) KEEP=1 ;;
    *) echo "usage: $0 [start [--keep] | stop]" >&2; exit 2 ;;
  esac
done
if [[ "$ACTION" == "stop" ]]; then
  stop_demo
  exit 0
fi

if has tmux && tmux has-session -t "$SESSION" 2>/dev/null; then
  say "the demo is already running: $(attach_command)   (stop it with: $0 stop)"
  exit 0
fi

if ! has dotnet; then
  say "error: the .NET 10 SDK is needed (https://dotnet.microsoft.com/download)"
  exit 1
fi

say "building (dotnet build -c Release)..."
dotnet build TuiChat.sln -c Release -v q --nologo
if (( KEEP )); then
  say "keeping the last run's data in $DEMO_DIR/data (--keep): its accounts and history, earlier hellos included, come back"
else
  rm -rf "$DEMO_DIR/data" "$DEMO_DIR/logs"
  say "starting from a clean data folder $DEMO_DIR/data (./run-demo.sh --keep keeps the last run's history)"
fi
mkdir -p "$DEMO_DIR"
PORT=$(pick_port)
SERVER_CMD=(dotnet "$SERVER_DLL" --bind 127.0.0.1 --port "$PORT" --data "$DEMO_DIR/data" --log "$DEMO_DIR/logs")
client_cmd() { printf '%q ' dotnet "$CLIENT_DLL" --host 127.0.0.1 --port "$PORT" --user "$1"; }

if has tmux; then
  # The size of the terminal we were started from; without one, the large layout. (tput says
  # 80x24 when it finds no terminal, so a run from a script or CI got the small layout.)
  if size=$(stty size 2>/dev/null </dev/tty) && [[ "$size" =~ ^[0-9]+\ [0-9]+$ ]]; then
    lines=${size% *}; cols=${size#* }
  else
    cols=160; lines=48
  fi
  # The server pane starts the server again on Enter once it has stopped (killed, crashed, or
  # an admin's /shutdown), so the clients' reconnect can be watched without restarting the demo.
  server_shell="while :; do TUICHAT_ADMIN_PASSWORD=$(printf '%q' "$ADMIN_PASSWORD") $(printf '%q ' "${SERVER_CMD[@]}") & echo \$! >$(printf '%q' "$DEMO_DIR/server.pid"); wait; echo; echo 'server stopped; Enter starts it again with the same data (clients reconnect by themselves)'; read -r || break; done"
  targets=()
  if (( cols >= 160 && lines >= 48 )); then
    LAYOUT=panes
    say "starting the server on port $PORT and three clients in tmux session $SESSION: four panes in ${cols}x${lines}"
    # The server log and alice, bob, carol; each pane at least 80x24. The four panes are laid out
    # first and their programs started after: a pane that shrinks after its program printed pushes
    # its first rows (the server's start line) out of sight. Panes are named by id (%N), which
    # does not depend on the user's pane-base-index.
    server_pane=$(tmux new-session -d -P -F '#{pane_id}' -s "$SESSION" -n chat -x "$cols" -y "$lines" "sleep 3600")
    for _ in "${USERS[@]}"; do
      targets+=("$(tmux split-window -P -F '#{pane_id}' -t "$SESSION:chat" "sleep 3600")")
      tmux select-layout -t "$SESSION:chat" tiled >/dev/null
    done
    tmux respawn-pane -k -t "$server_pane" "$server_shell"
    wait_for_port "$PORT"
    for i in 0 1 2; do
      tmux respawn-pane -k -t "${targets[$i]}" "$(client_cmd "${USERS[$i]}")"
    done
  else
    LAYOUT=windows
    say "starting the server on port $PORT and three clients in tmux session $SESSION: ${cols}x${lines} is too small for panes, so each client gets a full-screen window"
    # Window 0: the server log. Windows 1-3: alice, bob, carol, each the whole terminal.
    tmux new-session -d -s "$SESSION" -n server -x "$cols" -y "$lines" "$server_shell"
    wait_for_port "$PORT"
    for user in "${USERS[@]}"; do
      tmux new-window -d -t "$SESSION" -n "$user" "$(client_cmd "$user")"
      targets+=("$SESSION:$user")
    done
  fi
  # Everyone says hello by typing into their own client, as a person would.
  for i in 0 1 2; do
    pane="${targets[$i]}"
    wait_for_screen "$pane" "you joined #general" || continue
    tmux send-keys -t "$pane" -l "${HELLOS[$i]}"
    tmux send-keys -t "$pane" Enter
  done
  if [[ "$LAYOUT" == panes ]]; then
    tmux select-pane -t "${targets[0]}"
    moving="Switch panes:   Ctrl+B then an arrow key (or Ctrl+B o); Ctrl+B z zooms a pane to full size"
  else
    tmux select-window -t "$SESSION:alice"
    # The numbers as this tmux gives them (base-index may be 1).
    numbers=""
    for window in server "${USERS[@]}"; do numbers+=" $(tmux display -p -t "$SESSION:$window" '#{window_index}') ($window)"; done
    moving="Switch windows: Ctrl+B n / Ctrl+B p, or Ctrl+B$numbers"
  fi
  say "ready."
  print_help
  cat <<EOF

  Attach:         $(attach_command)
  $moving
  Detach:         Ctrl+B d      (the demo keeps running)
  In a client:    F1 help · Tab next pane · Alt+Up/Down switch room · Ctrl+Q quit
  Stop all:       $0 stop
EOF
  exit 0
fi

say "tmux is not installed; it gives the best demo (all four in one terminal):"
say "  Debian/Ubuntu: sudo apt-get install tmux     macOS: brew install tmux"
say "starting the server in the background on port $PORT"
TUICHAT_ADMIN_PASSWORD="$ADMIN_PASSWORD" nohup "${SERVER_CMD[@]}" >"$DEMO_DIR/server.out" 2>&1 &
echo $! >"$DEMO_DIR/server.pid"
wait_for_port "$PORT"

opened=0
for user in "${USERS[@]}"; do
  cmd="cd $(printf '%q' "$PWD") && $(client_cmd "$user")"
  if has gnome-terminal; then
    gnome-terminal --title "TuiChat $user" -- bash -c "$cmd" && opened=$((opened + 1))
  elif has x-terminal-emulator; then
    x-terminal-emulator -e bash -c "$cmd" & opened=$((opened + 1))
  elif [[ "$(uname)" == "Darwin" ]] && has osascript; then
    osascript -e "tell application \"Terminal\" to do script \"$cmd\"" >/dev/null && opened=$((opened + 1))
  fi
done

print_help
if (( opened == 0 )); then
  say "no terminal emulator found; open three terminals and run one of these in each:"
  for user in "${USERS[@]}"; do echo "    $(client_cmd "$user")"; done
else
  say "opened $opened client windows; type a line and Enter to chat, F1 for help, Ctrl+Q to quit"
fi
say "stop the server with: $0 stop"
