package dev.gradfit.api.response;

import dev.gradfit.service.jobs.JobService.JobListing;
import java.util.List;

/** One page of the job listing, newest first. */
public record JobPage(List<JobResponse> content, int page, int size, long totalElements, int totalPages) {

    public static JobPage of(JobListing listing, int page, int size) {
        long total = listing.total();
        List<JobResponse> content = listing.jobs().stream().map(JobResponse::of).toList();
        return new JobPage(content, page, size, total, (int) Math.min(Integer.MAX_VALUE, (total + size - 1) / size));
    }
}
