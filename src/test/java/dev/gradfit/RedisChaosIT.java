package dev.gradfit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;

import dev.gradfit.model.redis.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The faults a production Redis has, one after another, each under a bounded load ({@link ChaosLoad}) on two
 * gradfit processes sharing one real Redis ({@code redis:7}, append-only file on): a SIGSTOP-like pause of
 * 3 s; a pause longer than {@code claim-after} while a long job runs; {@code maxmemory} reached, then
 * lifted; a restart with its data and one without; a replica frozen (SIGSTOP) for longer than
 * {@code claim-after}; a flood of job submissions during a pause. After each, {@link ChaosChecks} holds
 * Redis and the ledger of answers to the invariants: no 503 whose work was done, every job finished (none
 * stranded), none run twice while its owner was alive, one model per job, Redis within its memory, every
 * event stream ended by the server. Each fault prints what clients saw and how long recovery took.
 */
@Testcontainers(disabledWithoutDocker = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisChaosIT {

    private static final Duration CLAIM_AFTER = Duration.ofSeconds(3);
    private static final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private static final List<String> report = new ArrayList<>();

    private static RedisServer redis;
    private static RedisClient lettuce;
    private static StatefulRedisConnection<String, String> connection;
    private static ChaosReplica replicaA;
    private static ChaosReplica replicaB;
    private static ChaosLedger ledger;
    private static ChaosLoad load;
    private static ChaosChecks checks;
    /** When Redis last lost its data; models and jobs answered before may be gone. */
    private static Instant dataLostAt = Instant.EPOCH;

    @BeforeAll
    static void start() throws Exception {
        redis = new RedisServer();
        redis.start();
        List<String> settings = List.of(
                "--gradfit.jobs.claim-after=" + CLAIM_AFTER.toSeconds() + "s",
                "--gradfit.jobs.events-heartbeat=2s",
                "--gradfit.store.max-models=100000",
                "--spring.data.redis.timeout=1s",
                "--spring.data.redis.connect-timeout=1s");
        replicaA = ChaosReplica.start("a", redis.url(), settings);
        replicaB = ChaosReplica.start("b", redis.url(), settings);
        replicaA.awaitReady(http, Duration.ofSeconds(90));
        replicaB.awaitReady(http, Duration.ofSeconds(90));
        RedisURI uri = RedisURI.create(redis.url());
        uri.setTimeout(Duration.ofSeconds(5));
        lettuce = RedisClient.create(uri);
        connection = lettuce.connect();
        ledger = new ChaosLedger();
        List<ChaosReplica> replicas = List.of(replicaA, replicaB);
        load = new ChaosLoad(http, replicas, ledger);
        checks = new ChaosChecks(connection.sync(), ledger, replicas);
    }

    @AfterAll
    static void stop() throws Exception {
        if (load != null) {
            load.stop();
            load.shutdown();
        }
        for (AutoCloseable each : new AutoCloseable[] {replicaA, replicaB}) {
            if (each != null) {
                each.close();
            }
        }
        if (connection != null) {
            connection.close();
            lettuce.shutdown();
        }
        if (redis != null) {
            redis.stop();
        }
        if (ledger != null) {
            // Every answer, for a look at a fault's timeline: sent at, route, replica, status, milliseconds.
            List<String> rows = new ArrayList<>();
            ledger.answers.forEach(
                    a -> rows.add(a.at() + "," + a.route() + "," + a.replica() + "," + a.status() + "," + a.millis()));
            java.nio.file.Files.write(
                    java.nio.file.Path.of(
                            System.getProperty("gradfit.project.dir", "."), "target", "chaos-answers.csv"),
                    rows);
        }
        System.out.println("RedisChaosIT: fault | answers during it | slowest | readiness not 200 (answered, from"
                + " the fault's end) | first 201 fit after the fault's end");
        report.forEach(row -> System.out.println("RedisChaosIT: " + row));
    }

    private interface Fault {
        /** Injects the fault and lifts it; returns when it was lifted. */
        Instant inject() throws Exception;
    }

    /**
     * Runs the load, injects the fault two seconds in, keeps the load going four seconds after it was lifted,
     * then waits for the replicas and checks every invariant.
     *
     * @param claimable the process id of a replica whose jobs may be claimed (it was frozen), or null
     */
    private static void underLoad(String name, Long claimable, Fault fault) throws Exception {
        Map<String, Integer> marks = checks.logMarks();
        Instant from = Instant.now();
        load.start();
        Thread.sleep(2000);
        Instant healed = fault.inject();
        Thread.sleep(4000);
        load.stop();
        Instant to = Instant.now();
        replicaA.awaitReady(http, Duration.ofSeconds(30));
        replicaB.awaitReady(http, Duration.ofSeconds(30));
        report.add(name + " | " + ledger.summary(from, to) + " | "
                + ledger.slowest(from, to).toMillis() + " ms | " + readyAgain(from, healed, to) + " | "
                + firstFit(healed));
        System.out.println("RedisChaosIT: " + report.get(report.size() - 1));
        Instant since = dataLostAt.plusSeconds(1);
        assertAll(
                name,
                checks::jobsAsAnswered,
                () -> checks.modelsAsAnswered(since),
                () -> checks.jobsFinish(Duration.ofSeconds(60)),
                checks::oneModelPerJob,
                () -> checks.noJobRanTwice(marks, claimable),
                () -> checks.streamsClosed(load, Duration.ofSeconds(20)));
    }

    /**
     * When, relative to {@code healed}, the probes answered from {@code from} to {@code to} that were not 200
     * (or said STORE_FULL) were answered: the first and the last.
     */
    private static String readyAgain(Instant from, Instant healed, Instant to) {
        List<Long> bad = ledger.probes.stream()
                .filter(p -> p.answered().isAfter(from) && p.answered().isBefore(to))
                .filter(p -> p.status() != 200 || p.storeFull())
                .map(p -> Duration.between(healed, p.answered()).toMillis())
                .sorted()
                .toList();
        return bad.isEmpty()
                ? "never"
                : bad.size() + " probes, " + bad.get(0) + " to " + bad.get(bad.size() - 1) + " ms";
    }

    /** How long after {@code healed} the first fit was answered 201. */
    private static String firstFit(Instant healed) {
        return ledger.answers.stream()
                .filter(a -> a.route().equals("fit")
                        && a.status() == 201
                        && !a.at().plusMillis(a.millis()).isBefore(healed))
                .map(a ->
                        Duration.between(healed, a.at().plusMillis(a.millis())).toMillis() + " ms")
                .findFirst()
                .orElse("none");
    }

    @Test
    @Order(1)
    void aPauseOfThreeSeconds() throws Exception {
        underLoad("pause 3 s", null, () -> {
            redis.pause();
            Thread.sleep(3000);
            redis.resume();
            return Instant.now();
        });
    }

    @Test
    @Order(2)
    void aPauseLongerThanClaimAfterWhileALongJobRuns() throws Exception {
        AtomicLong longJob = new AtomicLong();
        underLoad("pause 5 s > claim-after, long job running", null, () -> {
            int status = load.submit(replicaA, ChaosLoad.job(9000));
            assertThat(status).isEqualTo(202);
            String id = ledger.submitted.entrySet().stream()
                    .max(Map.Entry.comparingByValue())
                    .orElseThrow()
                    .getKey();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!"RUNNING".equals(connection.sync().hget("gradfit:job:" + id, "status"))) {
                assertThat(System.nanoTime()).as("the long job started").isLessThan(deadline);
                Thread.sleep(100);
            }
            longJob.set(1);
            Thread.sleep(1000);
            redis.pause();
            Thread.sleep(CLAIM_AFTER.toMillis() + 2000);
            redis.resume();
            return Instant.now();
        });
        assertThat(longJob).hasValue(1);
    }

    @Test
    @Order(3)
    void maxmemoryReachedThenLifted() throws Exception {
        AtomicLong limit = new AtomicLong();
        AtomicLong highest = new AtomicLong();
        underLoad("maxmemory reached 6 s, then lifted", null, () -> {
            limit.set(checks.usedMemory() + 64 * 1024);
            connection.sync().configSet("maxmemory", Long.toString(limit.get()));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
            while (System.nanoTime() < until) {
                highest.accumulateAndGet(checks.usedMemory(), Math::max);
                Thread.sleep(100);
            }
            connection.sync().configSet("maxmemory", "0");
            return Instant.now();
        });
        report.add("  maxmemory " + limit.get() + " B, used at most " + highest.get() + " B while it held");
        System.out.println("RedisChaosIT: " + report.get(report.size() - 1));
        assertThat(ledger.answers.stream().filter(a -> a.route().equals("fit") && a.status() == 507))
                .as("fits refused 507 store-full while Redis was full")
                .isNotEmpty();
        assertThat(ledger.probes.stream().filter(ChaosLedger.Probe::storeFull))
                .as("readiness said STORE_FULL")
                .isNotEmpty();
        assertThat(highest.get())
                .as("Redis's used memory within maxmemory and 256 KiB")
                .isLessThanOrEqualTo(limit.get() + 256 * 1024);
    }

    @Test
    @Order(4)
    void aRestartWithItsData() throws Exception {
        underLoad("restart with data (AOF)", null, () -> {
            redis.stopRedis();
            Thread.sleep(1000);
            redis.startRedis();
            return Instant.now();
        });
    }

    @Test
    @Order(5)
    void aRestartWithoutData() throws Exception {
        underLoad("restart without data (FLUSHALL)", null, () -> {
            connection.sync().flushall();
            dataLostAt = Instant.now();
            load.forgetModels();
            redis.stopRedis();
            Thread.sleep(1000);
            redis.startRedis();
            return Instant.now();
        });
    }

    @Test
    @Order(6)
    void aReplicaFrozenLongerThanClaimAfter() throws Exception {
        int claimsBefore = claimsFrom(replicaB);
        underLoad("replica B frozen 7 s", replicaB.pid(), () -> {
            for (int i = 0; i < 2; i++) {
                load.submit(replicaA, ChaosLoad.job(4000));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!checks.runsOn(replicaB.pid())) {
                assertThat(System.nanoTime()).as("replica B runs a job").isLessThan(deadline);
                Thread.sleep(50);
            }
            replicaB.freeze();
            Thread.sleep(CLAIM_AFTER.toMillis() + 4000);
            replicaB.thaw();
            return Instant.now();
        });
        assertThat(claimsFrom(replicaB))
                .as("the frozen replica's job was taken over")
                .isGreaterThan(claimsBefore);
    }

    @Test
    @Order(7)
    void aFloodOfSubmissionsDuringAPause() throws Exception {
        ExecutorService flood = Executors.newFixedThreadPool(16);
        try {
            underLoad("200 submissions during a 3 s pause", null, () -> {
                redis.pause();
                long started = System.nanoTime();
                List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    ChaosReplica replica = i % 2 == 0 ? replicaA : replicaB;
                    answers.add(flood.submit(() -> load.submit(replica, ChaosLoad.job(100))));
                }
                for (var answer : answers) {
                    answer.get();
                }
                Thread.sleep(Math.max(0, 3000 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
                redis.resume();
                return Instant.now();
            });
        } finally {
            flood.shutdownNow();
        }
    }

    private static int claimsFrom(ChaosReplica replica) throws Exception {
        int claims = 0;
        for (ChaosReplica each : List.of(replicaA, replicaB)) {
            for (String line : each.logLines()) {
                if (line.contains("claimed from " + replica.pid() + "@")) {
                    claims++;
                }
            }
        }
        return claims;
    }
}
