package dev.gradfit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradfit.jobs.Job;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The invariants the chaos suite holds gradfit to after each fault, read from Redis itself (a Lettuce
 * connection of the test's own) and from the replicas' logs, against the {@link ChaosLedger}.
 */
final class ChaosChecks {

    private static final Set<String> FINISHED = Set.of("SUCCEEDED", "FAILED", "CANCELED");
    private static final Pattern STARTED = Pattern.compile("Job ([0-9a-f-]{36}) started");
    private static final Pattern CLAIMED = Pattern.compile("Job ([0-9a-f-]{36}) claimed from (\\S+)");

    private final RedisCommands<String, String> redis;
    private final ChaosLedger ledger;
    private final List<ChaosReplica> replicas;

    ChaosChecks(RedisCommands<String, String> redis, ChaosLedger ledger, List<ChaosReplica> replicas) {
        this.redis = redis;
        this.ledger = ledger;
        this.replicas = replicas;
    }

    /**
     * No 503 whose work was done: every model in Redis was answered 201 or is a job's; no model answered 204
     * is there; every model answered 201 since {@code since} (the last loss of Redis's data) that was not
     * deleted is there, those whose DELETE was answered 503 included.
     */
    void modelsAsAnswered(Instant since) {
        Set<String> inRedis = models();
        Set<String> jobModels = new HashSet<>();
        ledger.submitted
                .keySet()
                .forEach(job -> jobModels.add(Job.modelId(UUID.fromString(job)).toString()));
        Set<String> extra = new HashSet<>(inRedis);
        extra.removeAll(ledger.fitted.keySet());
        extra.removeAll(jobModels);
        // A fit answered 502 (the connection broke with its save in flight) may have been done: at most that
        // many models without a 201. A 503 is never one of them.
        assertThat(extra.size())
                .as("models in Redis that no 201 answered (a refused fit done anyway): " + extra)
                .isLessThanOrEqualTo(ledger.fitsOfUnknownOutcome.get() + ledger.submitsOfUnknownOutcome.get());
        Set<String> back = new HashSet<>(ledger.deleted);
        back.retainAll(inRedis);
        assertThat(back)
                .as("models answered 204 to a DELETE and still in Redis")
                .isEmpty();
        List<String> lost = ledger.fitted.entrySet().stream()
                .filter(fit -> fit.getValue().isAfter(since))
                .map(Map.Entry::getKey)
                .filter(id -> !ledger.deleted.contains(id)
                        && !ledger.deletesOfUnknownOutcome.contains(id)
                        && !inRedis.contains(id))
                .toList();
        List<String> refusedButDone =
                lost.stream().filter(ledger.deleteRefused::containsKey).toList();
        assertThat(refusedButDone)
                .as("models whose DELETE was answered 503 but that are gone")
                .isEmpty();
        assertThat(lost)
                .as("models answered 201 (and not deleted) that Redis lost")
                .isEmpty();
    }

    /** The ids of the models in Redis: their keys and their index. */
    Set<String> models() {
        Set<String> ids = new HashSet<>(redis.zrange("gradfit:models:created", 0, -1));
        for (String key : redis.keys("gradfit:model:*")) {
            ids.add(key.substring("gradfit:model:".length()));
        }
        return ids;
    }

    /** The ids of the jobs in Redis: their hashes and their index. */
    Set<String> jobs() {
        Set<String> ids = new HashSet<>(redis.zrange("gradfit:jobs:created", 0, -1));
        for (String key : redis.keys("gradfit:job:*")) {
            String rest = key.substring("gradfit:job:".length());
            if (rest.length() == 36) {
                ids.add(rest);
            }
        }
        return ids;
    }

    /** Every job in Redis was answered 202: no refused submission was taken in. */
    void jobsAsAnswered() {
        Set<String> extra = new HashSet<>(jobs());
        extra.removeAll(ledger.submitted.keySet());
        // A submission answered 502 (the connection broke with it in flight) may have been kept.
        assertThat(extra.size())
                .as("jobs in Redis that no 202 answered (a refused submission kept): " + extra)
                .isLessThanOrEqualTo(ledger.submitsOfUnknownOutcome.get());
    }

    /**
     * Waits up to {@code within} for every job in Redis to finish. One that does not must at least be QUEUED
     * with a stream entry or RUNNING with a pending entry, and is reported either way.
     */
    void jobsFinish(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        Map<String, String> unfinished = unfinished();
        while (!unfinished.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(250);
            unfinished = unfinished();
        }
        Set<String> pending = pendingJobs();
        Map<String, String> stranded = new HashMap<>();
        unfinished.forEach((id, status) -> {
            boolean waits = status.equals("QUEUED") && redis.hexists("gradfit:jobs:entries", id);
            boolean runs = status.equals("RUNNING") && pending.contains(id);
            if (!waits && !runs) {
                stranded.put(id, status);
            }
        });
        assertThat(stranded)
                .as("jobs neither finished, nor QUEUED with a stream entry, nor RUNNING with a pending entry")
                .isEmpty();
        assertThat(unfinished)
                .as("jobs still unfinished " + within + " after the fault")
                .isEmpty();
    }

    private Map<String, String> unfinished() {
        Map<String, String> unfinished = new HashMap<>();
        for (String id : jobs()) {
            String status = redis.hget("gradfit:job:" + id, "status");
            if (status != null && !FINISHED.contains(status)) {
                unfinished.put(id, status);
            }
        }
        return unfinished;
    }

    private Set<String> pendingJobs() {
        Set<String> jobs = new HashSet<>();
        if (redis.exists("gradfit:jobs:queue") == 0) {
            return jobs;
        }
        for (var pending :
                redis.xpending("gradfit:jobs:queue", "gradfit-workers", Range.create("-", "+"), Limit.from(10_000))) {
            for (var entry : redis.xrange("gradfit:jobs:queue", Range.create(pending.getId(), pending.getId()))) {
                jobs.add(entry.getBody().get("id"));
            }
        }
        return jobs;
    }

    /** One model per job: a job that succeeded names the model derived from its id; any other job has none. */
    void oneModelPerJob() {
        Set<String> models = models();
        List<String> wrong = new ArrayList<>();
        for (String id : jobs()) {
            Map<String, String> job = redis.hgetall("gradfit:job:" + id);
            String derived = Job.modelId(UUID.fromString(id)).toString();
            String status = job.get("status");
            if ("SUCCEEDED".equals(status) && (!derived.equals(job.get("model")) || !models.contains(derived))) {
                wrong.add(id + " SUCCEEDED naming " + job.get("model") + ", derived model kept: "
                        + models.contains(derived));
            } else if (("FAILED".equals(status) || "CANCELED".equals(status)) && models.contains(derived)) {
                wrong.add(id + " " + status + " left a model");
            }
        }
        assertThat(wrong).as("jobs without exactly their one model").isEmpty();
    }

    /**
     * No job ran twice while its owner was alive: each job started once, or once more per claim; a claim in
     * the log lines after {@code fromLines} only from a consumer of {@code claimable} (the frozen replica's
     * process id, or null: none); an event stream's epochs go back only for a claimed job.
     */
    Map<String, Integer> noJobRanTwice(Map<String, Integer> fromLines, Long claimable) throws IOException {
        Map<String, Integer> starts = new HashMap<>();
        Map<String, Integer> claims = new HashMap<>();
        List<String> strayClaims = new ArrayList<>();
        for (ChaosReplica replica : replicas) {
            List<String> lines = replica.logLines();
            for (int i = 0; i < lines.size(); i++) {
                Matcher started = STARTED.matcher(lines.get(i));
                if (started.find()) {
                    starts.merge(started.group(1), 1, Integer::sum);
                }
                Matcher claimed = CLAIMED.matcher(lines.get(i));
                if (claimed.find()) {
                    claims.merge(claimed.group(1), 1, Integer::sum);
                    boolean fromFrozen = claimable != null && claimed.group(2).startsWith(claimable + "@");
                    if (i >= fromLines.getOrDefault(replica.name(), 0) && !fromFrozen) {
                        strayClaims.add(replica.name() + ": " + lines.get(i));
                    }
                }
            }
        }
        assertThat(strayClaims).as("jobs claimed from a replica that was alive").isEmpty();
        List<String> twice = new ArrayList<>();
        starts.forEach((job, count) -> {
            if (count > 1 + claims.getOrDefault(job, 0)) {
                twice.add(job + " started " + count + " times, claimed " + claims.getOrDefault(job, 0));
            }
        });
        assertThat(twice).as("jobs started more often than claimed").isEmpty();
        List<String> backwards = ledger.followers.values().stream()
                .filter(f -> f.backwardJumps() > 0 && !claims.containsKey(f.job))
                .map(f -> f.job + ": " + f.backwardJumps() + " backward epoch jumps")
                .toList();
        assertThat(backwards)
                .as("event streams whose epochs went back without a claim")
                .isEmpty();
        return claims;
    }

    /** Where each replica's log is now, for {@link #noJobRanTwice}. */
    Map<String, Integer> logMarks() throws IOException {
        Map<String, Integer> marks = new HashMap<>();
        for (ChaosReplica replica : replicas) {
            marks.put(replica.name(), replica.logLines().size());
        }
        return marks;
    }

    /** Every event stream followed was ended by the server, with the job's end or a 404. */
    void streamsClosed(ChaosLoad load, Duration within) throws InterruptedException {
        load.awaitFollowers(within);
        List<String> open = ledger.followers.values().stream()
                .filter(f -> !f.ended())
                .map(f -> f.job + " on " + f.replica + " after " + f.connections + " connections")
                .toList();
        assertThat(open)
                .as("event streams not ended " + within + " after every job finished")
                .isEmpty();
    }

    /** Whether a consumer of the process {@code pid} holds an entry of the job queue: that replica runs a job. */
    boolean runsOn(long pid) {
        if (redis.exists("gradfit:jobs:queue") == 0) {
            return false;
        }
        return redis.xpending("gradfit:jobs:queue", "gradfit-workers", Range.create("-", "+"), Limit.from(100)).stream()
                .anyMatch(pending -> pending.getConsumer().startsWith(pid + "@"));
    }

    long usedMemory() {
        return info("used_memory");
    }

    long info(String field) {
        for (String line : redis.info("memory").split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).trim());
            }
        }
        throw new IllegalStateException("no " + field + " in INFO memory");
    }
}
