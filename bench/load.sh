#!/usr/bin/env bash
# The load benchmark: drives the running server with wrk on loopback and writes a Markdown report.
#
#   bench/load.sh --data DIR [--postgres CONNSTRING] [--duration 30s] [--connections "50 200"] [--out FILE] [--no-build]
#
# DIR is a data folder made by
#   dotnet run -c Release --project bench/Habeas.Bench -- load-prepare --data DIR [--database habeas_load]
# (1,000,000 people, one in ten public, with DIR/ids.txt and DIR/queries.txt). --postgres is the connection string
# load-prepare printed for its PostgreSQL database; without it only SQLite is measured. See bench/README.md.
set -euo pipefail

command_line="$*"
data=""
postgres=""
duration="30s"
connections="50 200"
out="bench/results/load-1m.md"
build=1
port=5088
while [[ $# -gt 0 ]]; do
  case "$1" in
    --data) data="$2"; shift 2 ;;
    --postgres) postgres="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    *) echo "Unknown option $1 (see the top of $0)." >&2; exit 2 ;;
  esac
done
if ! command -v wrk >/dev/null; then
  echo "wrk is not installed. On Debian or Ubuntu: sudo apt-get install -y wrk" >&2
  exit 1
fi
if [[ -z "$data" || ! -f "$data/habeas.db" || ! -f "$data/ids.txt" ]]; then
  echo "--data must be a folder made by: dotnet run -c Release --project bench/Habeas.Bench -- load-prepare --data DIR" >&2
  exit 2
fi
cd "$(dirname "$0")/.."
root=$(pwd)
data=$(cd "$data" && pwd)
if [[ $build -eq 1 ]]; then
  dotnet build -c Release src/Habeas >/dev/null
fi
habeas=(dotnet "$root/src/Habeas/bin/Release/net10.0/Habeas.dll")
work=$(mktemp -d /tmp/habeas-load-XXXXXX)
server=""
cleanup() {
  if [[ -n "$server" ]] && kill -0 "$server" 2>/dev/null; then kill "$server"; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# The paths wrk draws from: person pages, name searches, pages of the public list.
sed 's|^|/people/|' "$data/ids.txt" > "$work/person"
sed 's|^|/api/v1/search/people?q=|' "$data/queries.txt" > "$work/search"
seq 1 20 | sed 's|^|/public?page=|' > "$work/public"
echo "/health" > "$work/health"

report="$work/report.md"
{
  echo "# Load: person page, search API and public list at $(sqlite3 "$data/habeas.db" 'SELECT count(*) FROM people' 2>/dev/null || echo '?') people"
  echo
  echo "- command: \`bench/load.sh $command_line\`, wrk $(wrk --version 2>&1 | head -1 | awk '{print $2}'), $duration per line, 2 wrk threads, on loopback"
  echo "- machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo); $(uname -sr); commit $(git rev-parse --short HEAD)"
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- Release build, \`dotnet src/Habeas/bin/Release/net10.0/Habeas.dll serve\`, logging at Warning, the API's per-client rate limit raised (\`Habeas__RateLimit__PermitsPerMinute=100000000\`: wrk is one client, and 300 a minute would answer nearly everything with 429); an API token of a monitor account (bearer) for the person page and the search; the public list anonymous"
  echo
} > "$report"

run_database() {
  local name="$1"; shift
  local folder="$1"; shift
  local storage=(--data "$folder" "$@")
  local email="load@bench.invalid"
  # A random password: nobody signs in with it, the token is what the run uses. An administrator first: until one
  # exists the server is in first-run setup (tokens were refused with 401 in a trial run without it; not yet re-run).
  head -c 24 /dev/urandom | base64 | "${habeas[@]}" users add --password-stdin --email "admin-$email" --role administrator "${storage[@]}" >/dev/null 2>&1 || true
  head -c 24 /dev/urandom | base64 | "${habeas[@]}" users add --password-stdin --email "$email" --role monitor "${storage[@]}" >/dev/null 2>&1 || true
  local token
  token=$("${habeas[@]}" tokens create --email "$email" --name load --expires 1 "${storage[@]}" | tail -1)
  Habeas__RateLimit__PermitsPerMinute=100000000 Logging__LogLevel__Default=Warning Logging__LogLevel__Microsoft=Warning ASPNETCORE_ENVIRONMENT=Production \
    "${habeas[@]}" serve --urls "http://127.0.0.1:$port" "${storage[@]}" > "$work/server-$name.log" 2>&1 &
  server=$!
  local base="http://127.0.0.1:$port"
  for _ in $(seq 1 600); do
    curl -sf "$base/health" >/dev/null 2>&1 && break
    kill -0 "$server" 2>/dev/null || { echo "The server stopped; its log:" >&2; cat "$work/server-$name.log" >&2; exit 1; }
    sleep 1
  done
  # Warm up: the first search builds the name index from the database (as after any start), the first page compiles views.
  local started=$SECONDS
  curl -sf -H "Authorization: Bearer $token" "$base$(head -1 "$work/search")" >/dev/null
  local index_seconds=$(( SECONDS - started ))
  curl -sf -H "Authorization: Bearer $token" "$base$(head -1 "$work/person")" >/dev/null
  curl -sf "$base/public" >/dev/null
  for kind in health person search public; do
    BENCH_PATHS="$work/$kind" BENCH_TOKEN="$token" wrk -t2 -c50 -d5s -s bench/load/wrk.lua "$base" >/dev/null 2>&1 || true
  done
  {
    echo "## $name"
    echo
    echo "Name index built by the first search in ${index_seconds} s. Machine load before: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)."
    echo
    echo "| endpoint | connections | requests/s | p50 ms | p99 ms | errors | of which not 2xx/3xx | share of /health |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  } >> "$report"
  for c in $connections; do
    local health_rps=""
    for kind in health person search public; do
      local token_for=""
      [[ $kind == person || $kind == search ]] && token_for="$token"
      local line
      line=$(BENCH_PATHS="$work/$kind" BENCH_TOKEN="$token_for" wrk -t2 -c"$c" -d"$duration" --timeout 10s --latency -s bench/load/wrk.lua "$base" | grep '^RESULT')
      local rps p50 p99 errors non2xx
      rps=$(sed 's/.* rps=\([^ ]*\).*/\1/' <<< "$line")
      p50=$(sed 's/.* p50_ms=\([^ ]*\).*/\1/' <<< "$line")
      p99=$(sed 's/.* p99_ms=\([^ ]*\).*/\1/' <<< "$line")
      errors=$(sed 's/.* errors=\([^ ]*\).*/\1/' <<< "$line")
      non2xx=$(sed 's/.* non2xx=\([^ ]*\).*/\1/' <<< "$line")
      [[ $kind == health ]] && health_rps=$rps
      local share
      share=$(awk -v a="$rps" -v b="$health_rps" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "" }')
      local label
      case $kind in
        health) label="\`/health\`" ;;
        person) label="person page \`/people/{id}\`" ;;
        search) label="search API \`/api/v1/search/people?q=\`" ;;
        public) label="public list \`/public?page=1…20\`" ;;
      esac
      echo "| $label | $c | $(printf '%.0f' "$rps") | $p50 | $p99 | $errors | $non2xx | $share |" >> "$report"
      echo "$name $kind c=$c: $line" >&2
    done
  done
  local peak
  peak=$(awk '/VmHWM/ {printf "%.0f MiB", $2/1024}' "/proc/$server/status")
  {
    echo
    echo "Server's peak resident memory (VmHWM, over the whole run, name index included): $peak. Machine load after: $(cut -d' ' -f1-3 /proc/loadavg)."
    echo
  } >> "$report"
  kill "$server"; wait "$server" 2>/dev/null || true
  server=""
}

{
  echo "Machine at the start (\`uptime\`, then the busiest processes from \`top\`):"
  echo
  echo '```'
  uptime
  top -bn1 -o %CPU | sed -n '7,17p'
  echo '```'
  echo
} >> "$report"
run_database SQLite "$data"
if [[ -n "$postgres" ]]; then
  mkdir -p "$data/postgres-folder"
  run_database PostgreSQL "$data/postgres-folder" --database "$postgres"
fi
cp "$report" "$out"
cat "$out"
