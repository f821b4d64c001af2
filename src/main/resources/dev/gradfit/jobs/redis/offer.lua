#!lua
-- Adds a job to the queue unless it is full. KEYS: stream, entries (job id -> entry), sizes (job id ->
-- bytes), bytes (their sum). ARGV: job id, command, max queued, max queued bytes, this job's bytes.
-- Returns 1 if queued, else 0.
if queue_offer(KEYS[1], KEYS[2], KEYS[3], KEYS[4], ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]) then
  return 1
end
return 0
