#!lua flags=allow-oom
-- A taken entry is done with: acknowledged and removed. KEYS: stream. ARGV: group, entry id.
redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
return redis.call('XDEL', KEYS[1], ARGV[2])
