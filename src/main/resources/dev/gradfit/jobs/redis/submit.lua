#!lua
-- Takes a new job in: keeps it and queues it, or, if the queue is full, does nothing at all. So a job is
-- never kept without an entry in the queue, whenever Redis runs this (a submission sent during a pause
-- runs when Redis wakes, whole). KEYS: job hash, created index, stream, entries, sizes, bytes.
-- ARGV: created (JobCodecs form), createdAt (epoch ms), job id, command, max queued, max queued bytes,
-- this job's bytes, deadline (epoch ms on Redis's clock). Returns 1 if taken in, 0 if the queue is full,
-- -1 past the deadline (gradfit stopped waiting and answered that nothing was done), having done nothing.
-- A Redis at maxmemory refuses it before it runs (no flags: it may write).
local time = redis.call('TIME')
if tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000) > tonumber(ARGV[8]) then return -1 end
if redis.call('EXISTS', KEYS[1]) == 1 then return redis.error_reply('job ' .. ARGV[3] .. ' exists') end
if not queue_offer(KEYS[3], KEYS[4], KEYS[5], KEYS[6], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7]) then
  return 0
end
job_create(KEYS[1], KEYS[2], ARGV[1], ARGV[2], ARGV[3])
return 1
