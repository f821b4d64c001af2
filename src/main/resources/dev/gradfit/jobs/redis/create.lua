-- Keeps a new job. KEYS: job hash, created index. ARGV: encoded job, createdAt (epoch ms), job id.
redis.call('HSET', KEYS[1], 'v', '1', 'job', ARGV[1])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
return 1
