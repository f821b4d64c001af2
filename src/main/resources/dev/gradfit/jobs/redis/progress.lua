#!lua flags=allow-oom
-- Records the latest epoch and cost of a job that has not finished. KEYS: job hash. ARGV: epoch, cost.
-- Returns 1 if recorded, 0 if finished or gone, -2 if in the older layout.
local status = job_status(KEYS[1])
if status == nil then return 0 end
if status == false then return -2 end
if is_finished(status) then return 0 end
redis.call('HSET', KEYS[1], 'epoch', ARGV[1], 'cost', ARGV[2])
return 1
