-- The sweeper: claims for this consumer one entry whose owner stopped renewing it for claim-after (its
-- replica died). KEYS: stream. ARGV: group, consumer, claim-after in ms. Returns [entry id, fields] or {}.
local claimed = redis.call('XAUTOCLAIM', KEYS[1], ARGV[1], ARGV[2], ARGV[3], '0-0', 'COUNT', 1)
local entry = claimed[2][1]
if entry and entry[2] then return entry end
return {}
