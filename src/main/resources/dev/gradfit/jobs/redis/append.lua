#!lua flags=allow-oom
-- Appends an event to a job's log and announces it, unless the job is gone or has ended (only an ended
-- log has a TTL). KEYS: log stream, its sequence, the announcement channel, the job hash.
-- ARGV: encoded event, max events, '1' if the event ends the job, retention ms. Returns its id or 0.
if redis.call('EXISTS', KEYS[4]) == 0 then return 0 end
if redis.call('PTTL', KEYS[2]) >= 0 then return 0 end
local n = redis.call('INCR', KEYS[2])
redis.call('XADD', KEYS[1], 'MAXLEN', ARGV[2], n .. '-1', 'd', ARGV[1])
if ARGV[3] == '1' then
  redis.call('XTRIM', KEYS[1], 'MAXLEN', '2')
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
  redis.call('PEXPIRE', KEYS[2], ARGV[4])
end
redis.call('PUBLISH', KEYS[3], n)
return n
