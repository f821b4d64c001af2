#!lua flags=allow-oom
-- The number of models kept. ARGV: prefix.
local now = now_ms()
purge(now)
-- Models past their deadline that this call's purge did not reach are not kept either.
return redis.call('ZCARD', created) - redis.call('ZCOUNT', deadlines, '-inf', now)
