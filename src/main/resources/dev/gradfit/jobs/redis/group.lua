-- Makes the stream and its consumer group; BUSYGROUP, when another replica (or an earlier start) made
-- it, is no error here. KEYS: stream. ARGV: group.
redis.pcall('XGROUP', 'CREATE', KEYS[1], ARGV[1], '0', 'MKSTREAM')
return 1
