#!lua
-- Keeps a new job. KEYS: job hash, created index. ARGV: created (JobCodecs form), createdAt (epoch ms),
-- job id.
job_create(KEYS[1], KEYS[2], ARGV[1], ARGV[2], ARGV[3])
return 1
