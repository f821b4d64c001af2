package dev.gradfit.jobs;

import dev.gradfit.service.FitCommand;
import java.util.UUID;

/**
 * A job's entry in the queue: its id and the fit to run. A queue that leaves the process writes the
 * command down with a codec; the command holds plain arrays and the hyperparameters' records.
 */
public record QueuedJob(UUID id, FitCommand command) {}
