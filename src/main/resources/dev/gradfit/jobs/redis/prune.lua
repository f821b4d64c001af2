#!lua flags=allow-oom
-- Forgets finished jobs past their retention or beyond the most kept (oldest first), and index entries
-- whose hash is gone. KEYS: created index, finished index. ARGV: cutoff (epoch ms), max finished, the
-- prefix of job keys. Returns how many were forgotten.
local gone = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1])
local extra = redis.call('ZCARD', KEYS[2]) - #gone - tonumber(ARGV[2])
if extra > 0 then
  local oldest = redis.call('ZRANGE', KEYS[2], #gone, #gone + extra - 1)
  for _, id in ipairs(oldest) do table.insert(gone, id) end
end
for _, id in ipairs(gone) do
  redis.call('DEL', ARGV[3] .. id, ARGV[3] .. id .. ':events', ARGV[3] .. id .. ':events:seq')
  redis.call('ZREM', KEYS[1], id)
  redis.call('ZREM', KEYS[2], id)
end
return #gone
