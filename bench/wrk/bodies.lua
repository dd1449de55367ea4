-- wrk script for Wisp's `bench node`: POSTs pre-generated JSON bodies, one per line of a file, each thread cycling
-- through its own share of the lines (line i goes to thread i mod threads), so every store body is sent once
-- (while they last: the bench writes more than the run needs).
-- Usage: wrk -t2 -c16 -d20s -s bodies.lua https://127.0.0.1:PORT/storage_rpc/v1 -- BODIES_FILE THREADS
-- The requests are formatted once in init(): the load generator does no per-request work beyond sending.
-- done() prints one JSON line (counts, latency percentiles in microseconds) that the bench reads.

local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

function init(args)
  local path, threads = args[1], tonumber(args[2])
  requests = {}
  local lines = {}
  local i = 0
  for line in io.lines(path) do
    if i % threads == id then
      lines[#lines + 1] = line
    end
    i = i + 1
  end
  if #lines == 0 then
    -- fewer bodies than threads (info, no-op: one constant body): this thread sends them all
    for line in io.lines(path) do
      lines[#lines + 1] = line
    end
  end
  if #lines == 0 then
    error("no request bodies in " .. path)
  end
  for _, line in ipairs(lines) do
    requests[#requests + 1] = wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, line)
  end
  position = 0
end

function request()
  position = position + 1
  if position > #requests then
    position = 1
  end
  return requests[position]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"bytes":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,' ..
    '"p50_us":%d,"p99_us":%d,"mean_us":%.1f,"max_us":%d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.mean, latency.max))
end
