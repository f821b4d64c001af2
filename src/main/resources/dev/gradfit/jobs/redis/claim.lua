#!lua flags=allow-oom
-- The sweeper: claims for this consumer one entry whose owner stopped renewing it for claim-after (its
-- replica died), fenced by Redis's own clock: only once Redis has been awake and serving the replicas'
-- renewals for claim-after itself (common.lua's tick). A claim that was sent while Redis was paused runs
-- when it wakes, before the owner's renewal could; it finds Redis just awoken and claims nothing.
-- KEYS: stream. ARGV: group, consumer, claim-after in ms, the tick gap in ms.
-- Returns [entry id, fields, previous owner] or {}.
local now = tick(ARGV[4])
if now - tonumber(redis.call('GET', AWAKE_SINCE)) < tonumber(ARGV[3]) then return {} end
local idle = redis.call('XPENDING', KEYS[1], ARGV[1], 'IDLE', ARGV[3], '-', '+', 1)
if #idle == 0 then return {} end
local claimed = redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], ARGV[3], idle[1][1])
local entry = claimed[1]
if entry and entry[2] then return {entry[1], entry[2], idle[1][2]} end
return {}
