-- Shared by every script of the Redis model store; each script is this file followed by its own.
--
-- KEYS[1]  gradfit:models:created    sorted set: model id -> createdAt in epoch microseconds (listing)
-- KEYS[2]  gradfit:models:deadlines  sorted set: model id -> when its idle expiry is due, epoch ms on
--                                     Redis's clock (the same instant as the model key's TTL)
-- KEYS[3]  gradfit:models:sizes      hash: model id -> encoded bytes
-- KEYS[4]  gradfit:models:bytes      integer: the sum of the sizes
-- ARGV[1]  the prefix of model keys, gradfit:model:
local created, deadlines, sizes, total = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local prefix = ARGV[1]

local function now_ms()
  local time = redis.call('TIME')
  return tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end

-- Whether a write's deadline (epoch ms on Redis's clock) has passed: gradfit stopped waiting for it and
-- answered that it was not done, so the write must do nothing.
local function too_late(deadline)
  return now_ms() > tonumber(deadline)
end

-- Removes a model from the bookkeeping (not its key); returns whether it was there.
local function forget(id)
  local size = redis.call('HGET', sizes, id)
  redis.call('ZREM', created, id)
  redis.call('ZREM', deadlines, id)
  if size then
    redis.call('HDEL', sizes, id)
    redis.call('DECRBY', total, size)
    return true
  end
  return false
end

-- Forgets models whose idle deadline has passed, whose keys Redis has therefore expired; at most 500 a
-- call, so that a mass expiry never blocks Redis for long (the next calls take the rest).
local function purge(now)
  local due = redis.call('ZRANGEBYSCORE', deadlines, '-inf', now, 'LIMIT', 0, 500)
  for _, id in ipairs(due) do
    local ttl = redis.call('PTTL', prefix .. id)
    if ttl == -2 then
      forget(id)
    elseif ttl >= 0 then
      redis.call('ZADD', deadlines, now + ttl, id)
    else
      redis.call('ZADD', deadlines, '+inf', id)
    end
  end
end
