package dev.gradfit.service.jobs;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Component;

/**
 * The jobs this process is fitting, each with a cancel flag its fit reads every epoch: a cancel that arrives
 * in this process stops the fit at its next epoch, without waiting for the worker to poll the job store
 * (which is how a cancel from another process arrives).
 */
@Component
class RunningJobs {

    private final Map<UUID, AtomicBoolean> flags = new ConcurrentHashMap<>();

    /** The flag of a job that starts running here; {@link #remove} it when the job is done. */
    AtomicBoolean add(UUID id) {
        AtomicBoolean flag = new AtomicBoolean();
        flags.put(id, flag);
        return flag;
    }

    void remove(UUID id) {
        flags.remove(id);
    }

    /** Raises the job's flag if it runs here. */
    void cancel(UUID id) {
        AtomicBoolean flag = flags.get(id);
        if (flag != null) {
            flag.set(true);
        }
    }

    int count() {
        return flags.size();
    }
}
