#!/usr/bin/env bash
# Installs the tools the way the README tells a new user to, and uses them: packs TuiChat.Server
# and TuiChat.Client into ./artifacts, installs both into a temporary tool path, checks --version
# and --help, starts a server from a config file and chats with a menu client. CI runs this.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
say() { printf 'smoke-tools: %s\n' "$*"; }
fail() { say "FAILED: $*"; exit 1; }

say "dotnet pack -c Release"
dotnet pack -c Release --nologo -v q >"$work/pack.log" 2>&1 || { cat "$work/pack.log"; fail "pack"; }

# A private package cache: a package of the same version from an earlier run must not stand in for this build.
for package in TuiChat.Server TuiChat.Client; do
  NUGET_PACKAGES="$work/nuget" dotnet tool install --tool-path "$work/tools" --add-source ./artifacts "$package" >/dev/null \
    || fail "dotnet tool install $package"
done
server="$work/tools/tuichat-server"
client="$work/tools/tuichat"

version=$("$server" --version)
[[ "$version" =~ ^tuichat-server\ [0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "tuichat-server --version printed '$version'"
say "$version"
"$client" --help | head -3 | grep -q -- "--host" || fail "tuichat --help | head did not list --host on stdout"
say "tuichat --help | head: ok"

cat >"$work/server.toml" <<TOML
# the smoke test's server: any free port, its own folders
port = 0
rate = 0
data = "$work/data"
log = "$work/logs"
TOML
"$server" --config "$work/server.toml" >"$work/server.out" 2>&1 &
server_pid=$!
port=""
for _ in $(seq 1 600); do
  port=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/server.out" | head -1)
  [[ -n "$port" ]] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.out"; fail "the server exited"; }
  sleep 0.1
done
[[ -n "$port" ]] || { cat "$work/server.out"; fail "the server did not start listening"; }
grep -q "store SQLite $work/data/tuichat.db" "$work/server.out" || { cat "$work/server.out"; fail "the start line does not name the store from the config file"; }
say "server from $work/server.toml listening on port $port"

# The menu client as a script drives it: send to #general, then end of input quits with 0.
printf '1\n#general\nhello from the smoke test\n' | "$client" --menu --port "$port" --user smoke --downloads "$work/downloads" >"$work/client.out" 2>&1 \
  || { cat "$work/client.out"; fail "the menu client failed"; }
grep -q "logged in as smoke" "$work/client.out" || { cat "$work/client.out"; fail "the menu client did not log in"; }
grep -q "smoke: hello from the smoke test" "$work/client.out" || { cat "$work/client.out"; fail "the message did not come back"; }
say "menu client: logged in, sent to #general, saw it delivered"
