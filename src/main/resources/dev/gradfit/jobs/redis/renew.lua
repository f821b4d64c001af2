#!lua flags=allow-oom
-- Renews this consumer's claim on the entries it still owns; entries another consumer took stay theirs.
-- Records a tick (common.lua). KEYS: stream, entries. ARGV: group, consumer, the tick gap in ms, entry
-- ids... Returns {how many were renewed, the jobs waiting}.
tick(ARGV[3])
local renewed = 0
for i = 4, #ARGV do
  local pending = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[i], ARGV[i], 1)
  if #pending > 0 and pending[1][2] == ARGV[2] then
    redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, ARGV[i], 'JUSTID')
    renewed = renewed + 1
  end
end
return {renewed, redis.call('HLEN', KEYS[2])}
