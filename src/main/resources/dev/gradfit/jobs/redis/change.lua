-- Writes the new state if the version is the one read; records an end in the finished index.
-- KEYS: job hash, finished index. ARGV: version read, encoded job, retention ms or '' (not finished),
-- finishedAt (epoch ms), job id. Returns 1 if written, 0 if the job changed (or went) meanwhile.
local v = redis.call('HGET', KEYS[1], 'v')
if (not v) or v ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'v', tostring(tonumber(v) + 1), 'job', ARGV[2])
if ARGV[3] ~= '' then
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  redis.call('ZADD', KEYS[2], ARGV[4], ARGV[5])
end
return 1
