#!lua flags=allow-oom
-- A job's events after one. KEYS: log stream. ARGV: the first entry id not to return, as '(n-1'.
return redis.call('XRANGE', KEYS[1], ARGV[1], '+')
