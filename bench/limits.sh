#!/usr/bin/env bash
# Bounded work per request (review finding 2): times the review's 30,000-name body against a running
# server on the demo data, and the duplicate list read by a viewer before and after it, with curl. Writes Markdown.
#
#   bench/limits.sh [--config Debug|Release] [--out FILE] [--no-build] [--postgres CONNSTRING]
#
# SQLite in a fresh temporary folder by default; with --postgres, that (empty) database instead.
set -euo pipefail

command_line="$*"
config="Release"
out="bench/results/limits.md"
build=1
port=5089
postgres=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --config) config="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    --port) port="$2"; shift 2 ;;
    --postgres) postgres="$2"; shift 2 ;;
    *) echo "Unknown option $1 (see the top of $0)." >&2; exit 2 ;;
  esac
done
cd "$(dirname "$0")/.."
root=$(pwd)
if [[ $build -eq 1 ]]; then
  dotnet build -c "$config" src/Habeas >/dev/null
fi
habeas=(dotnet "$root/src/Habeas/bin/$config/net10.0/Habeas.dll")
work=$(mktemp -d /tmp/habeas-limits-XXXXXX)
server=""
cleanup() {
  if [[ -n "$server" ]] && kill -0 "$server" 2>/dev/null; then kill "$server"; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

storage=(--data "$work/data")
database="SQLite"
if [[ -n "$postgres" ]]; then
  storage+=(--database "$postgres")
  database="PostgreSQL"
fi
for role in administrator monitor viewer; do
  head -c 24 /dev/urandom | base64 | "${habeas[@]}" users add --email "$role@bench.invalid" --role "$role" "${storage[@]}" >/dev/null 2>&1 || true
done
monitor=$("${habeas[@]}" tokens create --email monitor@bench.invalid --name limits --expires 1 "${storage[@]}" | tail -1)
viewer=$("${habeas[@]}" tokens create --email viewer@bench.invalid --name limits --expires 1 "${storage[@]}" | tail -1)
Habeas__RateLimit__PermitsPerMinute=100000 Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production \
  "${habeas[@]}" serve --demo --urls "http://127.0.0.1:$port" "${storage[@]}" > "$work/server.log" 2>&1 &
server=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 300); do
  curl -sf "$base/health" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { echo "The server stopped; its log:" >&2; cat "$work/server.log" >&2; exit 1; }
  sleep 1
done

python3 -c "import json;print(json.dumps({'names':[{'text':'n%d'%i} for i in range(30000)]}))" > "$work/many.json"
python3 -c "import json;print(json.dumps({'names':[{'text':'Limit Name %d'%i} for i in range(50)]}))" > "$work/fifty.json"
# One timed request: prints "status seconds".
timed() { curl -s -o "$work/answer" -w '%{http_code} %{time_total}\n' "$@"; }
duplicates() { timed -H "Authorization: Bearer $viewer" "$base/api/v1/people/duplicates"; }

# Warm up (the name index is built, the first pairs worked out, the code compiled).
duplicates >/dev/null
sleep 3
{
  echo "# Bounded work per request: the review's 30,000-name body"
  echo
  echo "$(date -u +%Y-%m-%d), $(nproc) cores, $database, demo data, \`bench/limits.sh $command_line\` ($config build), curl on loopback, one request at a time."
  echo
  echo "| request | status | seconds |"
  echo "|---|---|---|"
  read -r status seconds < <(duplicates); echo "| GET /api/v1/people/duplicates (viewer), before | $status | $seconds |"
  for i in 1 2 3; do
    read -r status seconds < <(timed -H "Authorization: Bearer $monitor" -H 'Content-Type: application/json' --data-binary @"$work/many.json" "$base/api/v1/people")
    echo "| POST /api/v1/people with 30,000 names ($(wc -c < "$work/many.json") bytes), run $i | $status | $seconds |"
  done
  cp "$work/answer" "$work/refused"
  read -r status seconds < <(timed -H "Authorization: Bearer $monitor" -H 'Content-Type: application/json' --data-binary @"$work/fifty.json" "$base/api/v1/people")
  echo "| POST /api/v1/people with 50 names (the most allowed) | $status | $seconds |"
  for i in 1 2 3; do
    read -r status seconds < <(duplicates); echo "| GET /api/v1/people/duplicates (viewer), after, run $i | $status | $seconds |"
  done
  echo
  echo "The answer to the 30,000 names: \`errors.names\` = $(python3 -c "import json,sys;print(json.load(open(sys.argv[1]))['errors']['names'])" "$work/refused")"
} | tee "$out"
