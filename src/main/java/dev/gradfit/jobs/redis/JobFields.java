package dev.gradfit.jobs.redis;

import static dev.gradfit.redis.RedisCalls.string;

import dev.gradfit.jobs.Job;
import dev.gradfit.jobs.JobStatus;
import dev.gradfit.model.DecodingException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A job's state as the fields of its hash, in the order the scripts' {@code job_state} returns them
 * ({@code common.lua}): numbers and instants as text ({@link Double#toString} and ISO-8601 round-trip
 * exactly), the immutable part and a failure in {@link JobCodecs}' binary form. A hash written by an
 * older gradfit has only the blob {@code job}, which is read in its place.
 */
final class JobFields {

    /** The fields {@code job_state} returns, in its order. */
    static final List<String> NAMES = List.of(
            "status", "created", "epoch", "cost", "startedAt", "finishedAt", "cancel", "model", "failure", "job");

    private static final int STATUS = 0;
    private static final int CREATED = 1;
    private static final int EPOCH = 2;
    private static final int COST = 3;
    private static final int STARTED_AT = 4;
    private static final int FINISHED_AT = 5;
    private static final int CANCEL = 6;
    private static final int MODEL = 7;
    private static final int FAILURE = 8;
    private static final int BLOB = 9;

    private JobFields() {}

    /**
     * The job read from its fields, or {@code null} if the hash is gone.
     *
     * @throws DecodingException if this gradfit cannot read them
     */
    static Job decode(UUID id, List<?> values) {
        if (values == null || values.size() < NAMES.size()) {
            return null;
        }
        byte[] status = (byte[]) values.get(STATUS);
        if (status == null) {
            byte[] blob = (byte[]) values.get(BLOB);
            return blob == null ? null : JobCodecs.decodeJob(blob);
        }
        try {
            JobCodecs.Created created = JobCodecs.decodeCreated((byte[]) values.get(CREATED));
            byte[] failure = (byte[]) values.get(FAILURE);
            return new Job(
                    id,
                    JobStatus.valueOf(string(status)),
                    Integer.parseInt(text(values, EPOCH, "0")),
                    created.epochs(),
                    Double.parseDouble(text(values, COST, "NaN")),
                    created.createdAt(),
                    instant(values, STARTED_AT),
                    instant(values, FINISHED_AT),
                    created.parentId(),
                    values.get(MODEL) == null ? null : UUID.fromString(text(values, MODEL, null)),
                    failure == null ? null : JobCodecs.decodeFailure(failure),
                    "1".equals(text(values, CANCEL, "0")));
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new DecodingException("a job's fields that do not read: " + e.getMessage());
        }
    }

    /** The job as field and value pairs, those it has (a null field is left out). */
    static List<Object> encode(Job job) {
        List<Object> pairs = new ArrayList<>();
        pairs.add("status");
        pairs.add(job.status().name());
        pairs.add("created");
        pairs.add(JobCodecs.encodeCreated(job));
        pairs.add("epoch");
        pairs.add(Integer.toString(job.epoch()));
        pairs.add("cost");
        pairs.add(Double.toString(job.cost()));
        if (job.startedAt() != null) {
            pairs.add("startedAt");
            pairs.add(job.startedAt().toString());
        }
        if (job.finishedAt() != null) {
            pairs.add("finishedAt");
            pairs.add(job.finishedAt().toString());
        }
        if (job.cancelRequested()) {
            pairs.add("cancel");
            pairs.add("1");
        }
        if (job.modelId() != null) {
            pairs.add("model");
            pairs.add(job.modelId().toString());
        }
        if (job.failure() != null) {
            pairs.add("failure");
            pairs.add(JobCodecs.encodeFailure(job.failure()));
        }
        return pairs;
    }

    private static String text(List<?> values, int index, String absent) {
        byte[] value = (byte[]) values.get(index);
        return value == null ? absent : string(value);
    }

    private static Instant instant(List<?> values, int index) {
        String text = text(values, index, null);
        return text == null ? null : Instant.parse(text);
    }
}
