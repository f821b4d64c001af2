#!lua flags=allow-oom
-- Forgets a job at once. KEYS: job hash, created index, finished index. ARGV: job id.
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
return 1
