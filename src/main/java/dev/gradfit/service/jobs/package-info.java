/**
 * Running jobs: the service that takes submissions, cancellations and reads, the workers that take jobs
 * from the queue and fit them, and the meters and progress they report. The state they change lives
 * behind the contracts of {@link dev.gradfit.jobs}.
 */
package dev.gradfit.service.jobs;
