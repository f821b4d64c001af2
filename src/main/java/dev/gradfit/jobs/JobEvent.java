package dev.gradfit.jobs;

import java.util.Locale;

/**
 * One entry of a job's event log.
 *
 * @param id the entry's number in its job's log: 1 for the first, one more for each after
 * @param data what happened
 */
public record JobEvent(long id, JobEventData data) {

    /** The event's name on the stream: {@code progress}, or the job's end in lower case ({@code succeeded}, ...). */
    public String name() {
        return data instanceof JobEventData.JobEnded ended
                ? ended.job().status().name().toLowerCase(Locale.ROOT)
                : "progress";
    }

    /** Whether this is the job's end, the last event of its log. */
    public boolean isEnd() {
        return data instanceof JobEventData.JobEnded;
    }
}
