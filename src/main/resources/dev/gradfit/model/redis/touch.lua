#!lua flags=allow-oom
-- Counts uses served from near caches: refreshes each model's idle expiry. ARGV: prefix, idle timeout
-- (ms), ids... Returns {bytes kept, models kept, ids of models no longer kept...}.
local idle = tonumber(ARGV[2])
local now = now_ms()
local gone = {}
for i = 3, #ARGV do
  local id = ARGV[i]
  if redis.call('PEXPIRE', prefix .. id, idle) == 1 then
    redis.call('ZADD', deadlines, 'XX', now + idle, id)
  else
    gone[#gone + 1] = id
  end
end
purge(now)
local result = {tonumber(redis.call('GET', total) or '0'), redis.call('ZCARD', created)}
for _, id in ipairs(gone) do
  result[#result + 1] = id
end
return result
