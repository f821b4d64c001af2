package dev.gradfit.jobs.memory;

import dev.gradfit.jobs.JobEvent;
import dev.gradfit.jobs.JobEventData;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One job's event log: the last {@code capacity} events, numbered from 1, and the listeners to tell of each
 * new one. Thread-safe.
 */
final class EventBuffer {

    private final int capacity;
    private final Deque<JobEvent> events = new ArrayDeque<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private long lastId;

    EventBuffer(int capacity) {
        this.capacity = capacity;
    }

    /**
     * Appends under the next id; once the job's end is appended, only it and the last progress are kept
     * (what a client that comes late needs, at the cost of two events per finished job).
     */
    JobEvent append(JobEventData data) {
        JobEvent event;
        synchronized (this) {
            event = new JobEvent(++lastId, data);
            if (event.isEnd()) {
                JobEvent lastProgress = events.peekLast();
                events.clear();
                if (lastProgress != null && !lastProgress.isEnd()) {
                    events.add(lastProgress);
                }
            } else if (events.size() == capacity) {
                events.removeFirst();
            }
            events.addLast(event);
        }
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                // A listener's failure is its own: the job that appends goes on.
                listeners.remove(listener);
            }
        }
        return event;
    }

    /** The kept events with an id above {@code lastId}, oldest first. */
    synchronized List<JobEvent> after(long lastId) {
        List<JobEvent> later = new ArrayList<>();
        for (JobEvent event : events) {
            if (event.id() > lastId) {
                later.add(event);
            }
        }
        return later;
    }

    void listen(Runnable listener) {
        listeners.add(listener);
    }

    void unlisten(Runnable listener) {
        listeners.remove(listener);
    }
}
