#!lua flags=allow-oom
-- A page of models, newest first. ARGV: prefix, offset, limit. Returns the encoded models.
purge(now_ms())
local first = tonumber(ARGV[2])
local ids = redis.call('ZREVRANGE', created, first, first + tonumber(ARGV[3]) - 1)
local page = {}
for _, id in ipairs(ids) do
  local value = redis.call('GET', prefix .. id)
  if value then
    page[#page + 1] = value
  else
    forget(id)
  end
end
return page
