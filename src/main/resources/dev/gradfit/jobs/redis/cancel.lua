#!lua flags=allow-oom
-- Asks a job to stop: a QUEUED one ends CANCELED now, a RUNNING one is flagged, a finished one is left.
-- KEYS: job hash, finished index. ARGV: at (ISO-8601), retention ms, at (epoch ms), job id.
-- Returns {1, state} if it ended now, {0, state} otherwise, {-1} if gone, {-2} if in the older layout.
local status = job_status(KEYS[1])
if status == nil then return {-1} end
if status == false then return {-2} end
if is_finished(status) then return {0, job_state(KEYS[1])} end
if status == 'QUEUED' then
  redis.call('HSET', KEYS[1], 'status', 'CANCELED', 'cancel', '1', 'finishedAt', ARGV[1])
  job_ended(KEYS[1], KEYS[2], ARGV[4], ARGV[2], ARGV[3])
  return {1, job_state(KEYS[1])}
end
redis.call('HSET', KEYS[1], 'cancel', '1')
return {0, job_state(KEYS[1])}
