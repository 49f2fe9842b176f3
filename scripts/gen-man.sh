#!/usr/bin/env bash
# Regenerates docs/tuichat.1.md, docs/tuichat-server.1.md and docs/tuichat-bench.1.md from the
# [Option] definitions and the ToolManual texts (ServerManual, ClientManual, BenchManual).
# tests/TuiChat.Tools.Tests fails while these pages are stale.
set -euo pipefail
cd "$(dirname "$0")/.."
TUICHAT_WRITE_MAN_PAGES=1 dotnet test tests/TuiChat.Tools.Tests --filter "FullyQualifiedName~ManPageTests" --nologo -v q
git status --short docs/
