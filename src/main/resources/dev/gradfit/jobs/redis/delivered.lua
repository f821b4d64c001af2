#!lua flags=allow-oom
-- Jobs a worker has had stop counting as waiting (their entries stay in the stream, pending, until
-- acknowledged). KEYS as offer.lua. ARGV: job ids. Idempotent: a reclaimed job was delivered before.
for i = 1, #ARGV do
  local size = redis.call('HGET', KEYS[3], ARGV[i])
  if size then redis.call('DECRBY', KEYS[4], size) end
  redis.call('HDEL', KEYS[2], ARGV[i])
  redis.call('HDEL', KEYS[3], ARGV[i])
end
return #ARGV
