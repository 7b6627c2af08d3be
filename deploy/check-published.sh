#!/usr/bin/env bash
# Checks that the single-file program really runs: publishes it with deploy/publish.sh (about 3 minutes) unless a
# built one is given, then, in a scratch data folder, runs `habeas migrate`, starts `habeas serve` on loopback and
# checks /health, /health/ready, an embedded stylesheet and the one-time setup link; stops it and cleans up.
# Usage: deploy/check-published.sh [BINARY]      Port: HABEAS_CHECK_PORT (default 5987). Exit 0 when all is well.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
if [ $# -ge 1 ]; then
  bin="$(realpath "$1")"
else
  deploy/publish.sh "$work/out" >/dev/null
  bin="$work/out/habeas"
fi
port="${HABEAS_CHECK_PORT:-5987}"
base="http://127.0.0.1:$port"
export DOTNET_BUNDLE_EXTRACT_BASE_DIR="$work/extract"
fail() { echo "check-published: $*" >&2; [ -f "$work/serve.log" ] && cat "$work/serve.log" >&2; exit 1; }

"$bin" migrate --data "$work/data" >/dev/null || fail "habeas migrate failed"
"$bin" serve --data "$work/data" --urls "$base" >"$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 240); do
  curl -fsS "$base/health" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || fail "the server stopped at start"
  sleep 0.5
done
curl -fsS "$base/health" >/dev/null || fail "/health does not answer"
curl -fsS "$base/health/ready" | grep -q '"status":"Healthy"' || fail "/health/ready is not healthy"
curl -fsS -o /dev/null -w '%{content_type}' "$base/css/site.css" | grep -q 'text/css' || fail "the embedded stylesheet is not served"
grep -q 'setup?token=' "$work/serve.log" || fail "no one-time setup link was printed"
echo "check-published: $bin starts, migrates, serves its pages and stylesheets, and is healthy."
