#!lua flags=allow-oom
-- Ends a job unless it has finished: the first completion wins. KEYS: job hash, finished index.
-- ARGV: status, model id or '', failure or '', epoch or '' (keep), cost or '' (keep), finishedAt
-- (ISO-8601), retention ms, finishedAt (epoch ms), job id.
-- Returns {1, state} if this call ended it, {0} if it had ended, {-1} if gone, {-2} if in the older layout.
local status = job_status(KEYS[1])
if status == nil then return {-1} end
if status == false then return {-2} end
if is_finished(status) then return {0} end
redis.call('HSET', KEYS[1], 'status', ARGV[1], 'finishedAt', ARGV[6])
if ARGV[2] ~= '' then redis.call('HSET', KEYS[1], 'model', ARGV[2]) end
if ARGV[3] ~= '' then redis.call('HSET', KEYS[1], 'failure', ARGV[3]) end
if ARGV[4] ~= '' then redis.call('HSET', KEYS[1], 'epoch', ARGV[4]) end
if ARGV[5] ~= '' then redis.call('HSET', KEYS[1], 'cost', ARGV[5]) end
job_ended(KEYS[1], KEYS[2], ARGV[9], ARGV[7], ARGV[8])
return {1, job_state(KEYS[1])}
