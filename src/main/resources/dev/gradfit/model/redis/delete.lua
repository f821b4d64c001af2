-- Deletes a model. ARGV: prefix, id, invalidation channel. Returns 1 if its key was there, else 0.
local id = ARGV[2]
local existed = redis.call('DEL', prefix .. id)
local known = forget(id)
if existed == 1 or known then
  redis.call('PUBLISH', ARGV[3], id)
end
return existed
