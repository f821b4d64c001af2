-- What the job scripts share: the fields of a job's hash and the helpers that read and end a job.
-- A job's hash holds its state field by field, so that each change is one script that decides in Redis:
-- status, created (the immutable part: epochs, createdAt, parentId, in JobCodecs' form), epoch, cost,
-- startedAt, finishedAt (ISO-8601), cancel ('1' once asked to stop), model, failure (JobCodecs' form).
-- A hash written by an older gradfit holds one blob, job (and a version v), and no status.
local JOB_FIELDS = {'status', 'created', 'epoch', 'cost', 'startedAt', 'finishedAt', 'cancel', 'model',
  'failure', 'job'}

local function job_state(key)
  return redis.call('HMGET', key, unpack(JOB_FIELDS))
end

local function is_finished(status)
  return status == 'SUCCEEDED' or status == 'FAILED' or status == 'CANCELED'
end

-- The status of a job, or nil if it is gone, or false if it is in the older blob layout.
local function job_status(key)
  local status = redis.call('HGET', key, 'status')
  if status then return status end
  if redis.call('EXISTS', key) == 0 then return nil end
  return false
end

-- A job that has just ended: it expires after the retention, and the finished index has it.
local function job_ended(key, finished_index, id, retention_ms, at_ms)
  redis.call('PEXPIRE', key, retention_ms)
  redis.call('ZADD', finished_index, at_ms, id)
end
