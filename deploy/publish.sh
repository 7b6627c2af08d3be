#!/usr/bin/env bash
# Builds Habeas as one self-contained program for linux-x64 (no .NET needed on the server): out/habeas.
# Usage: deploy/publish.sh [OUT_DIR]   (default: out/)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-out}"
rm -rf "$out/publish"
dotnet publish src/Habeas -c Release -r linux-x64 --self-contained \
  -p:PublishSingleFile=true -p:DebugType=none \
  -o "$out/publish"
install -m 0755 "$out/publish/Habeas" "$out/habeas"
rm -rf "$out/publish"
echo "Built $out/habeas ($(du -h "$out/habeas" | cut -f1)). Install it with: sudo install -m 0755 $out/habeas /usr/local/bin/habeas"
