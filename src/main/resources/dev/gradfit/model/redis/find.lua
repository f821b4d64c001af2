#!lua flags=allow-oom
-- Reads a model and counts it as a use. ARGV: prefix, id, idle timeout (ms). Returns the encoded model
-- or nil.
local key = prefix .. ARGV[2]
local value = redis.call('GET', key)
if value then
  local idle = tonumber(ARGV[3])
  redis.call('PEXPIRE', key, idle)
  redis.call('ZADD', deadlines, 'XX', now_ms() + idle, ARGV[2])
end
return value
