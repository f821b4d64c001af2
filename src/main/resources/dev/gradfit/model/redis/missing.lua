#!lua flags=no-writes
-- Which of these models are no longer kept. ARGV: prefix, ids... Returns those ids.
local gone = {}
for i = 2, #ARGV do
  if redis.call('EXISTS', prefix .. ARGV[i]) == 0 then
    gone[#gone + 1] = ARGV[i]
  end
end
return gone
