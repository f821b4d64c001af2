package dev.gradfit.jobs.memory;

import dev.gradfit.jobs.JobLease;
import dev.gradfit.jobs.JobQueue;
import dev.gradfit.jobs.QueuedJob;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The waiting jobs of this process, first in, first out, bounded by count and by the bytes of their data.
 * A taken job is the worker's until the process ends, so acknowledging has nothing to do here.
 */
final class MemoryJobQueue implements JobQueue {

    private final int maxJobs;
    private final long maxBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final Deque<QueuedJob> waiting = new ArrayDeque<>();
    private long bytes;

    MemoryJobQueue(int maxJobs, long maxBytes) {
        this.maxJobs = maxJobs;
        this.maxBytes = maxBytes;
    }

    @Override
    public boolean offer(QueuedJob job) {
        long size = job.command().dataBytes();
        lock.lock();
        try {
            if (waiting.size() >= maxJobs || (!waiting.isEmpty() && bytes + size > maxBytes)) {
                return false;
            }
            waiting.addLast(job);
            bytes += size;
            arrived.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<JobLease> take(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lockInterruptibly();
        try {
            while (waiting.isEmpty()) {
                if (nanos <= 0) {
                    return Optional.empty();
                }
                nanos = arrived.awaitNanos(nanos);
            }
            QueuedJob job = waiting.removeFirst();
            bytes -= job.command().dataBytes();
            return Optional.of(JobLease.of(job));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void acknowledge(JobLease lease) {
        // In memory a taken job cannot outlive its worker: there is nothing to hand out again.
    }

    @Override
    public void release(JobLease lease) {
        // Nor anyone to hand it to: a job left unfinished here ends with the process.
    }

    @Override
    public boolean withdraw(UUID id) {
        lock.lock();
        try {
            for (var it = waiting.iterator(); it.hasNext(); ) {
                QueuedJob job = it.next();
                if (job.id().equals(id)) {
                    it.remove();
                    bytes -= job.command().dataBytes();
                    return true;
                }
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int waiting() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }
}
