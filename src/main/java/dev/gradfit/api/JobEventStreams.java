package dev.gradfit.api;

import dev.gradfit.api.response.JobProgressBody;
import dev.gradfit.api.response.JobResponse;
import dev.gradfit.config.JobProperties;
import dev.gradfit.jobs.Job;
import dev.gradfit.jobs.JobEvent;
import dev.gradfit.jobs.JobEventData;
import dev.gradfit.jobs.JobEventLog;
import dev.gradfit.jobs.JobNotFoundException;
import dev.gradfit.service.jobs.JobService;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Streams a job's events to clients as Server-Sent Events. A client waiting for the next event holds no
 * thread: the job's event log calls back when it grows, and the {@link JobEventsScheduling} threads write what
 * is new to each client that was woken (several wake-ups of one client make one delivery). A client that
 * stops reading holds a delivery thread for at most Tomcat's write timeout (its connection timeout).
 *
 * <p>A stream that has no event to send yet opens with a comment line, so that its status line and headers go
 * out at once rather than when the job starts; a comment follows every {@code gradfit.jobs.events-heartbeat}
 * until the stream ends, so that proxies keep an idle stream and a client that went away is noticed.
 */
@Component
class JobEventStreams {

    private final TaskScheduler scheduler;
    private final Duration timeout;
    private final Duration heartbeat;

    JobEventStreams(JobProperties properties, @Qualifier(JobEventsScheduling.SCHEDULER) TaskScheduler scheduler) {
        this.scheduler = scheduler;
        this.timeout = properties.eventsTimeout();
        this.heartbeat = properties.eventsHeartbeat();
    }

    /**
     * Whether {@link #open} would answer a stream: the job has not ended, or has events after {@code lastId}.
     *
     * @throws JobNotFoundException if no job is kept under the id
     */
    boolean wouldStream(JobService jobs, UUID id, long lastId) {
        return !jobs.find(id).status().isFinished()
                || !jobs.eventsAfter(id, lastId).isEmpty();
    }

    /**
     * A stream of the job's events after {@code lastId}, ending with the job's end; {@code null} when the job
     * has ended and the client has seen every event there is (its {@code Last-Event-ID} is the end's).
     *
     * @throws JobNotFoundException if no job is kept under the id
     */
    SseEmitter open(JobService jobs, UUID id, long lastId) {
        Job job = jobs.find(id);
        boolean nothingKept = jobs.eventsAfter(id, lastId).isEmpty();
        if (job.status().isFinished() && nothingKept) {
            return null;
        }
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        Client client = new Client(jobs, id, lastId, emitter);
        if (nothingKept) {
            // Spring sends the headers with the first write: without one, a waiting job's client sees nothing.
            client.heartbeat();
        }
        client.subscribe();
        client.startHeartbeats();
        emitter.onCompletion(client::close);
        emitter.onError(error -> client.close());
        emitter.onTimeout(emitter::complete);
        client.wake(); // what the log holds already
        return emitter;
    }

    private final class Client {

        private final JobService jobs;
        private final UUID id;
        private final SseEmitter emitter;
        private final AtomicInteger wakes = new AtomicInteger();
        private long lastSent;
        private volatile JobEventLog.Subscription subscription;
        private volatile ScheduledFuture<?> heartbeats;
        // Set before a wake-up is counted and cleared by the delivery that the count runs.
        private volatile boolean logGrew;
        private volatile boolean beatDue;
        private volatile boolean closed;

        Client(JobService jobs, UUID id, long lastSent, SseEmitter emitter) {
            this.jobs = jobs;
            this.id = id;
            this.lastSent = lastSent;
            this.emitter = emitter;
        }

        void subscribe() {
            subscription = jobs.subscribe(id, this::wake);
            if (closed) {
                subscription.close(); // ended before the subscription was in place
            }
        }

        void startHeartbeats() {
            heartbeats = scheduler.scheduleAtFixedRate(this::beat, Instant.now().plus(heartbeat), heartbeat);
            if (closed) {
                heartbeats.cancel(false); // ended before the heartbeats were scheduled
            }
        }

        /** Called when the job's log grows. */
        void wake() {
            logGrew = true;
            schedule();
        }

        /** Called every heartbeat interval: the comment is written by a delivery, one writer per client. */
        private void beat() {
            beatDue = true;
            schedule();
        }

        /** Schedules one delivery, unless one is pending: a client that stops reading holds one thread at most. */
        private void schedule() {
            if (!closed && wakes.getAndIncrement() == 0) {
                try {
                    scheduler.schedule(this::deliver, Instant.now());
                } catch (RejectedExecutionException stopping) {
                    close();
                }
            }
        }

        /** Sends what is due, again as long as wake-ups came in meanwhile; one delivery at a time. */
        private void deliver() {
            int seen;
            do {
                seen = wakes.get();
                if (logGrew) {
                    logGrew = false;
                    sendNew(true);
                }
                if (beatDue) {
                    beatDue = false;
                    if (!vanished()) {
                        // An announcement lost while the subscriber's connection was down (a Redis pause)
                        // must not leave the stream waiting: each heartbeat also reads what the log holds.
                        sendNew(false);
                        heartbeat();
                    }
                }
            } while (wakes.addAndGet(-seen) > 0);
        }

        /**
         * Whether the job has gone without its end (a shared store lost its data): then nothing will ever be
         * appended, and the stream is ended; a reconnecting client is answered 404. A store that does not
         * answer leaves the stream as it is.
         */
        private boolean vanished() {
            if (closed) {
                return true;
            }
            try {
                jobs.find(id);
                return false;
            } catch (JobNotFoundException gone) {
                close();
                emitter.complete();
                return true;
            } catch (RuntimeException storeDown) {
                return false;
            }
        }

        /** A comment line: EventSource ignores it, a proxy sees traffic, a write to a client gone fails. */
        void heartbeat() {
            if (closed) {
                return;
            }
            try {
                emitter.send(SseEmitter.event().comment("heartbeat"));
            } catch (IOException | IllegalStateException gone) {
                close();
            }
        }

        /** @param endOnStoreDown whether a store that does not answer ends the stream (else it is left as it is) */
        private void sendNew(boolean endOnStoreDown) {
            if (closed) {
                return;
            }
            try {
                List<JobEvent> events = jobs.eventsAfter(id, lastSent);
                for (JobEvent event : events) {
                    emitter.send(SseEmitter.event()
                            .id(Long.toString(event.id()))
                            .name(event.name())
                            .data(data(event), MediaType.APPLICATION_JSON));
                    lastSent = event.id();
                    if (event.isEnd()) {
                        close();
                        emitter.complete();
                        return;
                    }
                }
            } catch (JobNotFoundException forgotten) {
                close();
                emitter.complete();
            } catch (IOException | IllegalStateException gone) {
                // The client went away or the stream timed out; the emitter's callbacks finish the rest.
                close();
            } catch (RuntimeException storeDown) {
                // A shared store that does not answer: end the stream; the client reconnects with Last-Event-ID.
                if (endOnStoreDown) {
                    close();
                    emitter.completeWithError(storeDown);
                }
            }
        }

        void close() {
            closed = true;
            JobEventLog.Subscription current = subscription;
            if (current != null) {
                current.close();
            }
            ScheduledFuture<?> beats = heartbeats;
            if (beats != null) {
                beats.cancel(false);
            }
        }

        private Object data(JobEvent event) {
            return event.data() instanceof JobEventData.JobEnded ended
                    ? JobResponse.of(ended.job())
                    : JobProgressBody.of((JobEventData.JobProgress) event.data());
        }
    }
}
