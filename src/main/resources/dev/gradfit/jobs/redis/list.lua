#!lua flags=allow-oom
-- A page of jobs, newest first, with their fields: one call however long the page.
-- KEYS: created index. ARGV: first rank, last rank, the prefix of job keys.
-- Returns {id, state, id, state, ...}; a job whose hash is gone answers an empty state.
local ids = redis.call('ZREVRANGE', KEYS[1], ARGV[1], ARGV[2])
local page = {}
for _, id in ipairs(ids) do
  table.insert(page, id)
  table.insert(page, job_state(ARGV[3] .. id))
end
return page
