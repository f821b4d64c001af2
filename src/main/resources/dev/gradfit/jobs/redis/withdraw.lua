#!lua flags=allow-oom
-- Withdraws a job no worker has had yet. KEYS as offer.lua. ARGV: job id. Returns 1 if it was waiting.
local entry = redis.call('HGET', KEYS[2], ARGV[1])
if not entry then return 0 end
local size = redis.call('HGET', KEYS[3], ARGV[1])
if size then redis.call('DECRBY', KEYS[4], size) end
redis.call('XDEL', KEYS[1], entry)
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[3], ARGV[1])
return 1
