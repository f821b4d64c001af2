#!lua flags=allow-oom
-- Forgets the jobs that have not finished and have no entry in the queue, submitted before a cutoff: no
-- worker will ever take them. An older gradfit left them, when it kept a job and then could not queue it
-- (Redis paused between the two). KEYS: created index, finished index, stream, entries.
-- ARGV: group, cutoff (epoch ms), the prefix of job keys. Returns the ids forgotten.
local taken = nil
-- The job ids of the entries workers hold (delivered, not acknowledged), read once.
local function held()
  if taken then return taken end
  taken = {}
  if redis.call('EXISTS', KEYS[3]) == 0 then return taken end
  local pending = redis.pcall('XPENDING', KEYS[3], ARGV[1], '-', '+', 1000000)
  if type(pending) ~= 'table' or pending.err then return taken end
  for _, p in ipairs(pending) do
    local entry = redis.call('XRANGE', KEYS[3], p[1], p[1])[1]
    if entry then
      local fields = entry[2]
      for i = 1, #fields, 2 do
        if fields[i] == 'id' then taken[fields[i + 1]] = true end
      end
    end
  end
  return taken
end
local gone = {}
for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])) do
  if not redis.call('ZSCORE', KEYS[2], id) and redis.call('HEXISTS', KEYS[4], id) == 0
      and not held()[id] then
    redis.call('DEL', ARGV[3] .. id, ARGV[3] .. id .. ':events', ARGV[3] .. id .. ':events:seq')
    redis.call('ZREM', KEYS[1], id)
    table.insert(gone, id)
  end
end
return gone
