/** Jobs on Redis: their state in hashes, their queue in a stream with one consumer group, their events in streams announced on pub/sub. */
package dev.gradfit.jobs.redis;
