#!/usr/bin/env bash
# Self-contained single-file executables for people without the .NET SDK:
#   scripts/publish.sh [RID...]      (default: linux-x64 linux-arm64 osx-arm64 win-x64)
# writes publish/RID/{tuichat,tuichat-server,tuichat-bench}[.exe] and publish/SHA256SUMS.
#
# Not trimmed: CommandLineParser and our option catalog (src/TuiChat.Cli) read the options'
# properties by reflection, and Terminal.Gui 2.x is not annotated for trimming, so the trimmer
# would remove what they need at run time (it warns about both). The SQLite native library is
# bundled and extracted at first start (to $DOTNET_BUNDLE_EXTRACT_BASE_DIR, default ~/.net).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p publish

rids=("$@")
if [ ${#rids[@]} -eq 0 ]; then
  rids=(linux-x64 linux-arm64 osx-arm64 win-x64)
fi
projects=(src/TuiChat.Server src/TuiChat.Client src/TuiChat.Bench)

failed=()
for rid in "${rids[@]}"; do
  out="publish/$rid"
  rm -rf "$out"
  for project in "${projects[@]}"; do
    echo "publish: $project for $rid"
    if ! dotnet publish "$project" -c Release -r "$rid" --self-contained true -o "$out" --nologo -v q \
        -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true \
        -p:DebugType=none -p:GenerateDocumentationFile=false >"publish/$rid.log" 2>&1; then
      echo "publish: $rid FAILED (see publish/$rid.log)" >&2
      failed+=("$rid")
      continue 2
    fi
  done
  rm -f "publish/$rid.log"
done

# One checksum file over everything built; verify with: cd publish && sha256sum -c SHA256SUMS
(cd publish && find . -mindepth 2 -maxdepth 2 -type f -name 'tuichat*' ! -name '*.pdb' | sort | sed 's|^\./||' \
  | xargs -r sha256sum > SHA256SUMS)
cat publish/SHA256SUMS
if [ ${#failed[@]} -gt 0 ]; then
  echo "publish: not built: ${failed[*]}" >&2
  exit 1
fi
