-- Adds a job to the queue unless it holds max-queued waiting jobs or max-queued-bytes of data (an empty
-- queue takes any job). KEYS: stream, entries (job id -> entry), sizes (job id -> bytes), bytes (their sum).
-- ARGV: job id, command, max queued, max queued bytes, this job's bytes. Returns 1 if queued, else 0.
local waiting = redis.call('HLEN', KEYS[2])
local bytes = tonumber(redis.call('GET', KEYS[4]) or '0')
if waiting >= tonumber(ARGV[3]) then return 0 end
if waiting > 0 and bytes + tonumber(ARGV[5]) > tonumber(ARGV[4]) then return 0 end
local entry = redis.call('XADD', KEYS[1], '*', 'id', ARGV[1], 'command', ARGV[2])
redis.call('HSET', KEYS[2], ARGV[1], entry)
redis.call('HSET', KEYS[3], ARGV[1], ARGV[5])
redis.call('INCRBY', KEYS[4], ARGV[5])
return 1
