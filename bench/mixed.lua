-- Mixed traffic for wrk: one fit in every N requests (default 4), predictions with a kept model
-- otherwise. Counts answers by status in every thread and prints the totals at the end.
--   wrk -t2 -c64 -d60s --latency -s bench/mixed.lua http://127.0.0.1:8080 -- MODEL_ID [N]

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  model = args[1]
  fitEvery = tonumber(args[2] or "4")
  statuses = {}
  n = 0
  -- 100 points of y = 2x + 4, x in [0, 1), 1000 epochs: a small fit, a millisecond or less.
  local x, y = {}, {}
  for i = 0, 99 do
    x[#x + 1] = string.format("%.2f", i / 100)
    y[#y + 1] = string.format("%.2f", 4 + 2 * i / 100)
  end
  fitBody = '{"x":[' .. table.concat(x, ",") .. '],"y":[' .. table.concat(y, ",")
    .. '],"learningRate":0.5,"epochs":1000}'
  predictBody = '{"x":[1,2,3,4,5,6,7,8,9,10]}'
  headers = { ["Content-Type"] = "application/json" }
end

function request()
  n = n + 1
  if n % fitEvery == 0 then
    return wrk.format("POST", "/api/v1/models", headers, fitBody)
  end
  return wrk.format("POST", "/api/v1/models/" .. model .. "/predictions", headers, predictBody)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
  end
  local non2xx, deliberate = 0, 0
  for status, count in pairs(total) do
    io.write(string.format("load: status %d: %d\n", status, count))
    if status < 200 or status > 299 then
      non2xx = non2xx + count
      if status == 503 then deliberate = deliberate + count end
    end
  end
  io.write(string.format("load: requests %d in %.1f s, %.0f per second\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6)))
  io.write(string.format("load: non-2xx %d (of which deliberate 503: %d); socket errors: connect %d, read %d, write %d, timeout %d\n",
    non2xx, deliberate, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
  io.write(string.format("load: latency p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
