#!lua flags=allow-oom
-- Marks a job RUNNING unless it has finished; a rerun keeps its first start. KEYS: job hash.
-- ARGV: startedAt. Returns {1, state} if started, {0, state} if finished, {-1} if gone, {-2} if in the
-- older layout.
local status = job_status(KEYS[1])
if status == nil then return {-1} end
if status == false then return {-2} end
if is_finished(status) then return {0, job_state(KEYS[1])} end
redis.call('HSET', KEYS[1], 'status', 'RUNNING')
redis.call('HSETNX', KEYS[1], 'startedAt', ARGV[1])
return {1, job_state(KEYS[1])}
