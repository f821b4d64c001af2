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

-- Keeps a new job, QUEUED.
local function job_create(key, created_index, created, at_ms, id)
  redis.call('HSET', key, 'status', 'QUEUED', 'created', created, 'epoch', '0', 'cost', 'NaN')
  redis.call('ZADD', created_index, at_ms, id)
end

-- Adds a job to the queue unless it holds max_queued waiting jobs or max_bytes of data (an empty queue
-- takes any job): stream, entries (job id -> entry), sizes (job id -> bytes), bytes (their sum).
-- Returns the stream entry's id, or nil if the queue is full.
local function queue_offer(stream, entries, sizes, bytes_key, id, command, max_queued, max_bytes, size)
  local waiting = redis.call('HLEN', entries)
  local bytes = tonumber(redis.call('GET', bytes_key) or '0')
  if waiting >= tonumber(max_queued) then return nil end
  if waiting > 0 and bytes + tonumber(size) > tonumber(max_bytes) then return nil end
  local entry = redis.call('XADD', stream, '*', 'id', id, 'command', command)
  redis.call('HSET', entries, id, entry)
  redis.call('HSET', sizes, id, size)
  redis.call('INCRBY', bytes_key, size)
  return entry
end

-- Whether Redis has been awake, serving the replicas' upkeep, and since when. Every upkeep script records
-- Redis's own TIME as the latest tick; a tick that finds the previous one older than gap_ms (Redis was
-- paused or restarted, or no replica ran its upkeep) starts the awake time again. Returns now in ms.
local TICK = 'gradfit:jobs:tick'
local AWAKE_SINCE = 'gradfit:jobs:awake-since'

local function tick(gap_ms)
  local time = redis.call('TIME')
  local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
  local last = tonumber(redis.call('GET', TICK) or '0')
  if now - last > tonumber(gap_ms) or redis.call('EXISTS', AWAKE_SINCE) == 0 then
    redis.call('SET', AWAKE_SINCE, now)
  end
  redis.call('SET', TICK, now)
  return now
end
