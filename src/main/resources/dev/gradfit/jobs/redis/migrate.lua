#!lua flags=allow-oom
-- Rewrites a job of the older blob layout field by field, unless it changed since it was read (an older
-- gradfit wrote it meanwhile) or was rewritten already. KEYS: job hash. ARGV: the version read, then field
-- and value pairs. Returns 1 if rewritten, 0 otherwise.
if redis.call('HEXISTS', KEYS[1], 'status') == 1 then return 0 end
if redis.call('HGET', KEYS[1], 'v') ~= ARGV[1] then return 0 end
redis.call('HDEL', KEYS[1], 'v', 'job')
for i = 2, #ARGV, 2 do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
end
return 1
