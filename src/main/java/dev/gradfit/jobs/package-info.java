/**
 * Asynchronous fit jobs, by feature: what a job is and the contracts its state, queue and events live
 * behind ({@link dev.gradfit.jobs.JobStore}, {@link dev.gradfit.jobs.JobQueue},
 * {@link dev.gradfit.jobs.JobEventLog}, and {@link dev.gradfit.jobs.JobIntake}, which keeps and queues a new job
 * in one step), with their implementations in {@code memory} (the default) and
 * {@code redis}, as models have theirs in {@code dev.gradfit.model}. {@code dev.gradfit.service.jobs} takes and runs them.
 */
package dev.gradfit.jobs;
