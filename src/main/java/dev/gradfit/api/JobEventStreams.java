package dev.gradfit.api;

import dev.gradfit.api.response.JobProgressBody;
import dev.gradfit.api.response.JobResponse;
import dev.gradfit.config.JobProperties;
import dev.gradfit.service.jobs.Job;
import dev.gradfit.service.jobs.JobEvent;
import dev.gradfit.service.jobs.JobEventData;
import dev.gradfit.service.jobs.JobEventLog;
import dev.gradfit.service.jobs.JobNotFoundException;
import dev.gradfit.service.jobs.JobService;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Streams a job's events to clients as Server-Sent Events. A client waiting for the next event holds no
 * thread: the job's event log calls back when it grows, and a small pool of delivery threads writes what
 * is new to each client that was woken (several wake-ups of one client make one delivery). A client that
 * stops reading holds a delivery thread for at most Tomcat's write timeout (its connection timeout).
 */
@Component
class JobEventStreams implements DisposableBean {

    /** Writes to clients are short; a few threads serve every stream of a replica. */
    private static final int DELIVERY_THREADS = 2;

    private final ThreadPoolExecutor delivery;
    private final Duration timeout;

    JobEventStreams(JobProperties properties) {
        AtomicInteger count = new AtomicInteger();
        // Unbounded, yet never longer than the number of streams: a client has at most one delivery queued.
        this.delivery = new ThreadPoolExecutor(
                DELIVERY_THREADS, DELIVERY_THREADS, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "gradfit-events-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.timeout = properties.eventsTimeout();
    }

    /**
     * A stream of the job's events after {@code lastId}, ending with the job's end; {@code null} when the job
     * has ended and the client has seen every event there is (its {@code Last-Event-ID} is the end's).
     *
     * @throws JobNotFoundException if no job is kept under the id
     */
    SseEmitter open(JobService jobs, UUID id, long lastId) {
        Job job = jobs.find(id);
        if (job.status().isFinished() && jobs.eventsAfter(id, lastId).isEmpty()) {
            return null;
        }
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        Client client = new Client(jobs, id, lastId, emitter);
        client.subscribe();
        emitter.onCompletion(client::close);
        emitter.onError(error -> client.close());
        emitter.onTimeout(emitter::complete);
        client.wake(); // what the log holds already
        return emitter;
    }

    @Override
    public void destroy() {
        delivery.shutdownNow();
    }

    private final class Client {

        private final JobService jobs;
        private final UUID id;
        private final SseEmitter emitter;
        private final AtomicInteger wakes = new AtomicInteger();
        private long lastSent;
        private volatile JobEventLog.Subscription subscription;
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

        /** Called when the job's log grows: schedules one delivery, unless one is pending. */
        void wake() {
            if (!closed && wakes.getAndIncrement() == 0) {
                try {
                    delivery.execute(this::deliver);
                } catch (RejectedExecutionException stopping) {
                    close();
                }
            }
        }

        /** Sends what is new, again as long as wake-ups came in meanwhile; one delivery at a time. */
        private void deliver() {
            int seen;
            do {
                seen = wakes.get();
                sendNew();
            } while (wakes.addAndGet(-seen) > 0);
        }

        private void sendNew() {
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
                close();
                emitter.completeWithError(storeDown);
            }
        }

        void close() {
            closed = true;
            JobEventLog.Subscription current = subscription;
            if (current != null) {
                current.close();
            }
        }

        private Object data(JobEvent event) {
            return event.data() instanceof JobEventData.JobEnded ended
                    ? JobResponse.of(ended.job())
                    : JobProgressBody.of((JobEventData.JobProgress) event.data());
        }
    }
}
