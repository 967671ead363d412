-- wrk script: counts responses by status and X-Cache header (HIT, STALE, MISS, or none).
-- Each wrk thread has its own Lua state; done() adds the threads' counts up.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counts = {}
end

function response(status, headers, body)
  local state = headers["X-Cache"] or headers["x-cache"] or "none"
  local key = status .. " " .. state
  counts[key] = (counts[key] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for key, number in pairs(thread:get("counts")) do
      total[key] = (total[key] or 0) + number
    end
  end
  for key, number in pairs(total) do
    io.write(string.format("XCACHE %s %d\n", key, number))
  end
end
