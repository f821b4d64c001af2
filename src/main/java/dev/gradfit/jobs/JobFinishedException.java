package dev.gradfit.jobs;

/** The job has finished already, so there is nothing left to cancel. */
public final class JobFinishedException extends RuntimeException {

    private final Job job;

    public JobFinishedException(Job job) {
        super("job " + job.id() + " has finished: " + job.status());
        this.job = job;
    }

    public Job job() {
        return job;
    }
}
