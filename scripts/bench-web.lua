-- wrk script of scripts/bench-web.sh. Arguments after "--" are request
-- paths taken in turn by each connection (none: the URL's own path). At
-- the end it prints one line:
--   RESULT <requests/s> <p50 ms> <p99 ms> <max ms> <requests> <errors> <non-2xx/3xx>
local paths = {}
local n = 0

function init(args)
  for _, a in ipairs(args) do
    paths[#paths + 1] = wrk.format(nil, a)
  end
  if #paths == 0 then
    paths[1] = wrk.format()
  end
end

function request()
  n = n + 1
  return paths[(n % #paths) + 1]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %.0f %.2f %.2f %.2f %d %d %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests, e.connect + e.read + e.write + e.timeout, e.status))
end
