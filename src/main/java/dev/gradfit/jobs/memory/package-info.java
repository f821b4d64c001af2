/** Jobs in memory, the default: the job store and event logs in one Caffeine cache, and a bounded queue. */
package dev.gradfit.jobs.memory;
