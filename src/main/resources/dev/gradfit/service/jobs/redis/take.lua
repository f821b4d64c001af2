-- One entry for this consumer: first one whose owner stopped renewing it for claim-after (when ARGV[3] is
-- not empty), else one no consumer has had; a first delivery stops counting as waiting.
-- KEYS as offer.lua. ARGV: group, consumer, claim-after in ms or ''. Returns [entry id, fields] or {}.
if ARGV[3] ~= '' then
  local claimed = redis.call('XAUTOCLAIM', KEYS[1], ARGV[1], ARGV[2], ARGV[3], '0-0', 'COUNT', 1)
  local entry = claimed[2][1]
  if entry and entry[2] then return entry end
end
local read = redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', 1, 'STREAMS', KEYS[1], '>')
if not read then return {} end
local entry = read[1][2][1]
if not entry then return {} end
local fields = entry[2]
for i = 1, #fields, 2 do
  if fields[i] == 'id' then
    local size = redis.call('HGET', KEYS[3], fields[i + 1])
    if size then redis.call('DECRBY', KEYS[4], size) end
    redis.call('HDEL', KEYS[2], fields[i + 1])
    redis.call('HDEL', KEYS[3], fields[i + 1])
  end
end
return entry
