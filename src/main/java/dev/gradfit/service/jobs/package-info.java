/**
 * Asynchronous fit jobs: {@link dev.gradfit.service.jobs.JobService} takes them, workers run them through the
 * same fit as a request, and their state, queue and events live behind {@link dev.gradfit.service.jobs.JobStore},
 * {@link dev.gradfit.service.jobs.JobQueue} and {@link dev.gradfit.service.jobs.JobEventLog} (in memory by
 * default, in {@code memory}).
 */
package dev.gradfit.service.jobs;
