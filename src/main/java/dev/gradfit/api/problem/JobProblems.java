package dev.gradfit.api.problem;

import dev.gradfit.jobs.JobFailure;
import org.springframework.http.ProblemDetail;

/**
 * The problem a failed job reports: the document the synchronous fit of the same body would have answered
 * with (same type, title, status, detail and properties), its {@code instance} being the job.
 */
public final class JobProblems {

    private JobProblems() {}

    /** @param path the job's path, the problem's {@code instance} */
    public static ProblemDetail of(JobFailure failure, String path) {
        if (failure instanceof JobFailure.Diverged diverged) {
            return Problems.diverged(diverged.toException(), path);
        }
        if (failure instanceof JobFailure.InvalidRequest invalid) {
            return Problems.invalid(invalid.errors(), path);
        }
        if (failure instanceof JobFailure.OutOfMemory) {
            return Problems.outOfMemory(path);
        }
        return Problems.forStatus(500, path);
    }
}
