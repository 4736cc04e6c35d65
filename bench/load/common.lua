-- Shared by the wrk scripts of run.sh: the bearer token, a per-thread random seed, and
-- one machine-readable result line (latencies in microseconds) for run.sh to parse.
local common = {}

local token = os.getenv("KEFU_BENCH_TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
wrk.headers["Accept"] = "application/json"

local next_thread = 0
function setup(thread)
  next_thread = next_thread + 1
  thread:set("thread_number", next_thread)
end

function init(args)
  math.randomseed(os.time() * 1000 + (thread_number or 0))
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "KEFU_RESULT requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d " ..
    "errors_status=%d errors_socket=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, e.status, e.connect + e.read + e.write + e.timeout))
end

return common
