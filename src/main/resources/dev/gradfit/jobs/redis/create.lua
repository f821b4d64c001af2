-- Keeps a new job. KEYS: job hash, created index. ARGV: created (JobCodecs form), createdAt (epoch ms),
-- job id.
redis.call('HSET', KEYS[1], 'status', 'QUEUED', 'created', ARGV[1], 'epoch', '0', 'cost', 'NaN')
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
return 1
