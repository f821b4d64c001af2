#!lua flags=allow-oom
-- Makes the stream and its consumer group; BUSYGROUP, when another replica (or an earlier start) made
-- it, is no error here. KEYS: stream. ARGV: group. Returns 1 if this call made the group, else 0.
local made = redis.pcall('XGROUP', 'CREATE', KEYS[1], ARGV[1], '0', 'MKSTREAM')
if type(made) == 'table' and made.err then return 0 end
return 1
