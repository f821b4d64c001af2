package dev.gradfit.jobs.memory;

import dev.gradfit.jobs.Job;
import dev.gradfit.jobs.JobIntake;
import dev.gradfit.jobs.JobQueue;
import dev.gradfit.jobs.JobStore;
import dev.gradfit.jobs.QueuedJob;

/**
 * Takes jobs in to this process's store and queue: nothing between the two can fail here, so the job is
 * kept first (a worker that takes it finds it to start) and forgotten at once if the queue refuses it.
 */
final class MemoryJobIntake implements JobIntake {

    private final JobStore store;
    private final JobQueue queue;

    MemoryJobIntake(JobStore store, JobQueue queue) {
        this.store = store;
        this.queue = queue;
    }

    @Override
    public boolean submit(Job job, QueuedJob queued) {
        store.create(job);
        if (queue.offer(queued)) {
            return true;
        }
        store.delete(job.id());
        return false;
    }
}
