#!lua flags=allow-oom
-- Deletes a model. ARGV: prefix, id, invalidation channel, deadline (epoch ms). Returns 1 if its key was
-- there, else 0; -1 past the deadline, having done nothing.
local id = ARGV[2]
if too_late(ARGV[4]) then
  return -1
end
local existed = redis.call('DEL', prefix .. id)
local known = forget(id)
if existed == 1 or known then
  redis.call('PUBLISH', ARGV[3], id)
end
return existed
