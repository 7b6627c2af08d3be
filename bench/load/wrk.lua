-- wrk script for bench/load.sh: each request takes a random path from the file BENCH_PATHS (one path a line),
-- carries "Authorization: Bearer $BENCH_TOKEN" when that is set, and the run ends with one line that load.sh reads:
-- RESULT requests=… seconds=… rps=… p50_ms=… p99_ms=… errors=… non2xx=… (errors: connect, read, write, timeout and
-- every answer that is not 2xx or 3xx).
local paths = {}
local token = os.getenv("BENCH_TOKEN")

function init(args)
  local file = assert(io.open(os.getenv("BENCH_PATHS"), "r"))
  for line in file:lines() do
    if #line > 0 then paths[#paths + 1] = line end
  end
  file:close()
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
  if token and #token > 0 then
    wrk.headers["Authorization"] = "Bearer " .. token
  end
  wrk.headers["Accept-Language"] = "en"
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

function done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d seconds=%.1f rps=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout + e.status, e.status))
end
