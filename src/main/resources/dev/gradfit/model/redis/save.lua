#!lua
-- Saves a model and enforces the bounds. ARGV: prefix, id, encoded model, createdAt (epoch us), idle
-- timeout (ms), max models, max bytes, invalidation channel, deadline (epoch ms). Returns {bytes kept,
-- models evicted}, or {-1, 0} past the deadline, having done nothing.
local id, payload = ARGV[2], ARGV[3]
local idle, max_models, max_bytes = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local now = now_ms()
if too_late(ARGV[9]) then
  return {-1, 0}
end
purge(now)
forget(id)
redis.call('SET', prefix .. id, payload, 'PX', idle)
redis.call('ZADD', created, ARGV[4], id)
redis.call('ZADD', deadlines, now + idle, id)
redis.call('HSET', sizes, id, #payload)
local bytes = redis.call('INCRBY', total, #payload)
-- Past a bound, the least recently used go first (the earliest idle deadline), never the model just
-- saved; every replica hears of each eviction on the channel.
local evicted = 0
while redis.call('ZCARD', created) > max_models or bytes > max_bytes do
  local oldest = redis.call('ZRANGE', deadlines, 0, 1)
  local victim = oldest[1]
  if victim == id then
    victim = oldest[2]
  end
  if not victim then
    break
  end
  redis.call('DEL', prefix .. victim)
  forget(victim)
  redis.call('PUBLISH', ARGV[8], victim)
  evicted = evicted + 1
  bytes = tonumber(redis.call('GET', total))
end
return {bytes, evicted}
