-- wrk script for bench/pg_cluster.sh: POSTs a reply through the API, each with an idempotency
-- key of its own (a repeated key would return the first post instead of writing one).
--   wrk ... -s bench/pg_post.lua URL -- /api/v1/threads/ID/posts TOKEN RUN
-- Prints the same WRK_RESULT line as wrk-report.lua.
local threads = {}

setup = function(thread)
  thread:set("number", #threads + 1)
  table.insert(threads, thread)
end

local path, token, run
local counter = 0

init = function(args)
  path, token, run = args[1], args[2], args[3]
end

request = function()
  counter = counter + 1
  local key = string.format("%s-%d-%d", run, number, counter)
  -- No long digit runs in the body: the third-party guard would ask whether it is a phone
  -- or record number, and the post would wait for an answer instead of being written.
  local body = string.format('{"body":"Bench reply %d from writer %d","idempotency_key":"%s"}', counter, number, key)
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/json",
    ["Accept"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
  }, body)
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests":%d,"duration_us":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"mean":%.1f,"stdev":%.1f,"p50":%d,"p90":%d,"p99":%d,"max":%d}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency.stdev,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
