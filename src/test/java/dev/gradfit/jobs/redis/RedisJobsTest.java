package dev.gradfit.jobs.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gradfit.config.JobProperties;
import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.optimizer.Adam;
import dev.gradfit.fitting.optimizer.GradientClipping;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.jobs.Job;
import dev.gradfit.jobs.JobEvent;
import dev.gradfit.jobs.JobEventData;
import dev.gradfit.jobs.JobEventLog;
import dev.gradfit.jobs.JobLease;
import dev.gradfit.jobs.JobResult;
import dev.gradfit.jobs.JobStatus;
import dev.gradfit.jobs.QueuedJob;
import dev.gradfit.model.redis.RedisServer;
import dev.gradfit.redis.RedisCalls;
import dev.gradfit.redis.RedisClients;
import dev.gradfit.service.FitCommand;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.util.unit.DataSize;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The job store, queue and event log on a real Redis: the contracts the in-memory ones keep, across replicas. */
@Testcontainers(disabledWithoutDocker = true)
@org.junit.jupiter.api.extension.ExtendWith(OutputCaptureExtension.class)
class RedisJobsTest {

    @Container
    private static final RedisServer redis = new RedisServer();

    /** Now: the store forgets jobs that finished longer than the retention ago, by the clock. */
    private static final Instant T0 = Instant.now().plusNanos(123);

    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void emptyRedis() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        redis.command("FLUSHALL");
    }

    private static JobProperties properties(int maxQueued, Duration retention, Duration claimAfter) {
        return new JobProperties(
                1,
                maxQueued,
                DataSize.ofMegabytes(256),
                Duration.ofHours(1),
                Duration.ofMillis(250),
                retention,
                10_000,
                5,
                Duration.ofMinutes(10),
                Duration.ofSeconds(15),
                Duration.ofSeconds(10),
                claimAfter,
                null);
    }

    /** A replica's share of Redis: its own connections, listener container and scheduler. */
    private RedisClients replica() {
        RedisClients clients = new RedisClients(redis);
        closing.add(clients);
        return clients;
    }

    private RedisJobStore store(Duration retention) {
        return new RedisJobStore(
                replica().calls(), properties(100, retention, Duration.ofSeconds(30)), Clock.systemUTC());
    }

    private RedisJobQueue queue(int maxQueued, Duration claimAfter) {
        RedisClients replica = replica();
        RedisJobQueue queue = new RedisJobQueue(
                replica.calls(),
                replica.scheduler(),
                properties(maxQueued, Duration.ofHours(1), claimAfter),
                "test-" + UUID.randomUUID());
        queue.start();
        closing.add(0, queue);
        return queue;
    }

    private static FitCommand command(long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        double[] x = new double[20];
        double[] y = new double[10];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble() * 1e-300 + random.nextGaussian();
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = random.nextGaussian();
        }
        Hyperparameters hyperparameters = Hyperparameters.builder()
                .learningRate(0.01 + seed)
                .epochs(123)
                .initialWeights(new Weights(-0.0, new double[] {Double.MIN_VALUE, 1.0 / 3}))
                .optimizer(new GradientClipping(new Adam(0.8, 0.95, 1e-9), 2.5))
                .seed(seed)
                .build();
        return new FitCommand(
                new Dataset(x, 2, y, null), hyperparameters, seed % 2 == 0, seed % 3 == 0 ? UUID.randomUUID() : null);
    }

    @Test
    void keepsTheFirstCompletionAndListsNewestFirst() {
        RedisJobStore a = store(Duration.ofHours(1));
        RedisJobStore b = store(Duration.ofHours(1));
        Job first = Job.queued(UUID.randomUUID(), 100, null, T0);
        Job second = Job.queued(UUID.randomUUID(), 100, null, T0.plusSeconds(1));
        a.create(first);
        a.create(second);

        assertThat(b.find(first.id())).contains(first);
        assertThat(b.list(0, 10)).extracting(Job::id).containsExactly(second.id(), first.id());
        assertThat(b.count()).isEqualTo(2);

        assertThat(b.start(first.id(), T0.plusSeconds(2)))
                .hasValueSatisfying(job -> assertThat(job.status()).isEqualTo(JobStatus.RUNNING));
        a.progress(first.id(), 7, 0.5);
        UUID model = UUID.randomUUID();
        Optional<Job> won = a.complete(first.id(), JobResult.succeeded(model, 100, 0.25), T0.plusSeconds(3));
        Optional<Job> lost = b.complete(first.id(), JobResult.canceled(), T0.plusSeconds(4));

        assertThat(won).hasValueSatisfying(job -> assertThat(job.modelId()).isEqualTo(model));
        assertThat(lost).isEmpty();
        assertThat(b.find(first.id()).orElseThrow().status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(b.start(first.id(), T0.plusSeconds(5))).isEmpty();
    }

    @Test
    void keepsTheStateInFieldsAndLetsExactlyOneOfManyRacingCompletionsWin() throws Exception {
        RedisJobStore a = store(Duration.ofHours(1));
        Job job = Job.queued(UUID.randomUUID(), 100, UUID.randomUUID(), T0);
        a.create(job);
        a.start(job.id(), T0.plusSeconds(1));
        a.progress(job.id(), 42, -0.0);

        String key = RedisJobStore.key(job.id());
        assertThat(redis.command("HGET", key, "status")).isEqualTo("RUNNING");
        assertThat(redis.command("HGET", key, "epoch")).isEqualTo("42");
        assertThat(redis.command("HEXISTS", key, "job")).isEqualTo("0");
        assertThat(a.find(job.id()).orElseThrow())
                .isEqualTo(job.started(T0.plusSeconds(1)).progressed(42, -0.0));

        // Eight replicas complete the job at once, each with its own model: one of them, and only one, wins.
        List<RedisJobStore> replicas = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            replicas.add(store(Duration.ofHours(1)));
        }
        var start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Optional<Job>>> results = new ArrayList<>();
        var threads = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            for (RedisJobStore replica : replicas) {
                results.add(threads.submit(() -> {
                    start.await();
                    return replica.complete(
                            job.id(), JobResult.succeeded(UUID.randomUUID(), 100, 0.5), T0.plusSeconds(2));
                }));
            }
            start.countDown();
            List<Job> won = new ArrayList<>();
            for (var result : results) {
                result.get().ifPresent(won::add);
            }
            assertThat(won).hasSize(1);
            assertThat(a.find(job.id()).orElseThrow().modelId())
                    .isEqualTo(won.get(0).modelId());
        } finally {
            threads.shutdownNow();
        }
        assertThat(Long.parseLong(redis.command("PTTL", key))).isPositive();
    }

    @Test
    void readsAJobAnOlderGradfitWroteAndRewritesItOnItsFirstChange() throws Exception {
        // A running job, canceled, as the blob layout kept it (written by the gradfit before fields).
        byte[] blob = fixture("job-v1-running.bin");
        UUID id = new UUID(0x1111L, 0x2222L);
        Job expected = new Job(
                id,
                JobStatus.RUNNING,
                7,
                100,
                0.125,
                Instant.ofEpochSecond(1700000000L, 123456789),
                Instant.ofEpochSecond(1700000001L, 5),
                null,
                new UUID(3, 4),
                null,
                null,
                true);
        writeOlderLayout(id, "3", blob);
        RedisJobStore store = store(Duration.ofHours(1));

        assertThat(store.find(id)).contains(expected);

        store.progress(id, 9, 0.0625);
        String key = RedisJobStore.key(id);
        assertThat(redis.command("HGET", key, "status")).isEqualTo("RUNNING");
        assertThat(redis.command("HEXISTS", key, "job")).isEqualTo("0");
        assertThat(store.find(id)).contains(expected.progressed(9, 0.0625));
        assertThat(store.complete(id, JobResult.canceled(), T0))
                .hasValueSatisfying(job -> assertThat(job.status()).isEqualTo(JobStatus.CANCELED));
    }

    @Test
    void readsAFailedJobAnOlderGradfitWrote() throws Exception {
        UUID id = new UUID(0x5555L, 0x6666L);
        byte[] blob = fixture("job-v1-failed.bin");
        writeOlderLayout(id, "5", blob);
        RedisJobStore store = store(Duration.ofHours(1));

        Job job = store.find(id).orElseThrow();
        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.cost()).isNaN();
        assertThat(job.finishedAt()).isEqualTo(Instant.ofEpochSecond(1700000102L, 999));
        assertThat(job.failure()).isInstanceOf(dev.gradfit.jobs.JobFailure.Diverged.class);
        assertThat(((dev.gradfit.jobs.JobFailure.Diverged) job.failure()).lastFiniteCost())
                .isEqualTo(3.5);
        // A finished job does not change: a cancel leaves it, and says so.
        var cancellation = store.cancel(id, T0).orElseThrow();
        assertThat(cancellation.endedNow()).isFalse();
        assertThat(cancellation.job()).isEqualTo(job);
    }

    private void writeOlderLayout(UUID id, String version, byte[] blob) {
        replica().calls().run("a write of the older layout", c -> {
            c.hashCommands()
                    .hMSet(
                            RedisCalls.bytes(RedisJobStore.key(id)),
                            java.util.Map.of(
                                    RedisCalls.bytes("v"), RedisCalls.bytes(version), RedisCalls.bytes("job"), blob));
            return null;
        });
    }

    /** Bytes written once by the gradfit that kept a job as one blob, never by the code under test. */
    private static byte[] fixture(String name) throws java.io.IOException {
        try (var in = RedisJobsTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void listsAPageOfJobsInTwoCallsHoweverLongThePage() throws Exception {
        RedisJobStore store = store(Duration.ofHours(1));
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Job job = Job.queued(UUID.randomUUID(), 10 + i, null, T0.plusSeconds(i));
            store.create(job);
            ids.add(job.id());
        }
        store.start(ids.get(28), T0.plusSeconds(100));
        store.complete(ids.get(27), JobResult.canceled(), T0.plusSeconds(101));
        store.list(0, 1); // the scripts are loaded, so that the count below has no SCRIPT LOAD in it

        List<Job> page;
        List<String> sent;
        try (RedisMonitor monitor = new RedisMonitor(redis)) {
            monitor.clientCommands();
            page = store.list(1, 25);
            sent = monitor.clientCommands();
        }

        // the pruning and the page: no read per job
        assertThat(sent).containsExactly("evalsha", "evalsha");
        assertThat(page).hasSize(25);
        List<UUID> newestFirst = new ArrayList<>(ids);
        java.util.Collections.reverse(newestFirst);
        assertThat(page).extracting(Job::id).containsExactlyElementsOf(newestFirst.subList(1, 26));
        assertThat(page.get(0).status()).isEqualTo(JobStatus.RUNNING);
        assertThat(page.get(1).status()).isEqualTo(JobStatus.CANCELED);
        assertThat(page.get(2)).isEqualTo(Job.queued(ids.get(26), 36, null, T0.plusSeconds(26)));
    }

    @Test
    void keepsAndQueuesASubmittedJobInOneStepOrNeither() throws Exception {
        RedisJobQueue queue = queue(1, Duration.ofSeconds(30));
        RedisJobStore store = store(Duration.ofHours(1));
        RedisJobIntake intake = new RedisJobIntake(
                replica().calls(), queue, properties(1, Duration.ofHours(1), Duration.ofSeconds(30)));
        QueuedJob first = new QueuedJob(UUID.randomUUID(), command(1));
        QueuedJob second = new QueuedJob(UUID.randomUUID(), command(2));
        Job firstJob = Job.queued(first.id(), 123, first.command().parentId(), T0);

        assertThat(intake.submit(firstJob, first)).isTrue();
        assertThat(intake.submit(Job.queued(second.id(), 123, null, T0), second))
                .isFalse();

        assertThat(store.find(first.id())).contains(firstJob);
        assertThat(store.find(second.id())).isEmpty();
        assertThat(store.count()).isEqualTo(1);
        assertThat(redis.command("XLEN", RedisJobQueue.STREAM)).isEqualTo("1");
        JobLease lease = queue.take(Duration.ofSeconds(5)).orElseThrow();
        assertThat(lease.id()).isEqualTo(first.id());
        assertThat(store.start(first.id(), T0.plusSeconds(1))).isPresent();
    }

    @Test
    void forgetsJobsThatNoWorkerWillEverTakeAndKeepsTheRest() throws Exception {
        RedisJobQueue queue = queue(10, Duration.ofSeconds(30));
        RedisJobStore store = store(Duration.ofHours(1));
        RedisJobIntake intake = new RedisJobIntake(
                replica().calls(), queue, properties(10, Duration.ofHours(1), Duration.ofSeconds(30)));
        Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));
        // As an older gradfit left it: kept, then the offer never ran.
        Job orphan = Job.queued(UUID.randomUUID(), 10, null, anHourAgo);
        store.create(orphan);
        // Kept just now: its offer may still be on its way.
        Job recent = Job.queued(UUID.randomUUID(), 10, null, Instant.now());
        store.create(recent);
        QueuedJob held = new QueuedJob(UUID.randomUUID(), command(3));
        intake.submit(Job.queued(held.id(), 10, null, anHourAgo), held);
        QueuedJob waiting = new QueuedJob(UUID.randomUUID(), command(4));
        intake.submit(Job.queued(waiting.id(), 10, null, anHourAgo.plusSeconds(1)), waiting);
        JobLease lease = queue.take(Duration.ofSeconds(5)).orElseThrow();
        assertThat(lease.id()).isEqualTo(held.id());
        Job finished = Job.queued(UUID.randomUUID(), 10, null, anHourAgo);
        store.create(finished);
        store.complete(finished.id(), JobResult.canceled(), Instant.now());

        assertThat(queue.forgetOrphans()).containsExactly(orphan.id());

        assertThat(store.find(orphan.id())).isEmpty();
        assertThat(store.list(0, 10))
                .extracting(Job::id)
                .containsExactlyInAnyOrder(recent.id(), held.id(), waiting.id(), finished.id());
        assertThat(queue.forgetOrphans()).isEmpty();
    }

    @Test
    void cancelsAWaitingJobAtOnceAndFlagsARunningOne() {
        RedisJobStore store = store(Duration.ofHours(1));
        Job waiting = Job.queued(UUID.randomUUID(), 10, null, T0);
        Job running = Job.queued(UUID.randomUUID(), 10, null, T0);
        store.create(waiting);
        store.create(running);
        store.start(running.id(), T0);

        var endedNow = store.cancel(waiting.id(), T0.plusSeconds(1)).orElseThrow();
        var flagged = store.cancel(running.id(), T0.plusSeconds(1)).orElseThrow();
        var again = store.cancel(waiting.id(), T0.plusSeconds(2)).orElseThrow();

        assertThat(endedNow.endedNow()).isTrue();
        assertThat(endedNow.job().status()).isEqualTo(JobStatus.CANCELED);
        assertThat(flagged.endedNow()).isFalse();
        assertThat(store.find(running.id()).orElseThrow().cancelRequested()).isTrue();
        assertThat(again.endedNow()).isFalse();
        assertThat(store.cancel(UUID.randomUUID(), T0)).isEmpty();
    }

    @Test
    void forgetsAFinishedJobAfterItsRetention() {
        RedisJobStore store = store(Duration.ofMillis(300));
        Job job = Job.queued(UUID.randomUUID(), 10, null, Instant.now());
        store.create(job);
        store.complete(job.id(), JobResult.canceled(), Instant.now());

        await().atMost(Duration.ofSeconds(10)).until(() -> store.find(job.id()).isEmpty());
        assertThat(store.count()).isZero();
    }

    @Test
    void queuesCommandsThatComeBackBitForBit() throws Exception {
        RedisJobQueue queue = queue(10, Duration.ofSeconds(30));
        FitCommand command = command(6);
        QueuedJob job = new QueuedJob(UUID.randomUUID(), command);

        assertThat(queue.offer(job)).isTrue();
        assertThat(queue.waiting()).isEqualTo(1);
        JobLease lease = queue.take(Duration.ofSeconds(5)).orElseThrow();
        QueuedJob taken = lease.job();

        assertThat(taken.id()).isEqualTo(job.id());
        assertThat(JobCodecs.encodeCommand(taken.command())).isEqualTo(JobCodecs.encodeCommand(command));
        assertThat(taken.command().hyperparameters()).isEqualTo(command.hyperparameters());
        assertThat(queue.waiting()).isZero();
        queue.acknowledge(lease);
        assertThat(queue.take(Duration.ofMillis(200))).isEmpty();
    }

    @Test
    void refusesJobsPastTheBoundAndWithdrawsAWaitingOne() {
        RedisJobQueue queue = queue(2, Duration.ofSeconds(30));
        QueuedJob first = new QueuedJob(UUID.randomUUID(), command(1));
        QueuedJob second = new QueuedJob(UUID.randomUUID(), command(2));

        assertThat(queue.offer(first)).isTrue();
        assertThat(queue.offer(second)).isTrue();
        assertThat(queue.offer(new QueuedJob(UUID.randomUUID(), command(3)))).isFalse();
        assertThat(queue.withdraw(first.id())).isTrue();
        assertThat(queue.withdraw(first.id())).isFalse();
        assertThat(queue.waiting()).isEqualTo(1);
    }

    @Test
    void handsAJobWhoseWorkerStoppedToAnotherReplicaAfterClaimAfter() throws Exception {
        RedisJobQueue dead = queue(10, Duration.ofSeconds(1));
        QueuedJob job = new QueuedJob(UUID.randomUUID(), command(4));
        dead.offer(job);
        assertThat(dead.take(Duration.ofSeconds(5))).isPresent();
        dead.close(); // stops renewing its claim, as a killed replica would

        RedisJobQueue survivor = queue(10, Duration.ofSeconds(1));
        Optional<JobLease> claimed = survivor.take(Duration.ofSeconds(10));

        assertThat(claimed).hasValueSatisfying(taken -> assertThat(taken.id()).isEqualTo(job.id()));
    }

    @Test
    void handsAReleasedJobToAnotherReplicaWhileItsOwnGoesOn() throws Exception {
        // A long claim-after for the first replica: its own sweeper leaves the job to the other.
        RedisJobQueue first = queue(10, Duration.ofSeconds(30));
        QueuedJob job = new QueuedJob(UUID.randomUUID(), command(7));
        first.offer(job);
        JobLease lease = first.take(Duration.ofSeconds(5)).orElseThrow();
        first.release(lease); // its end could not be written: the replica lives on, the job is left

        RedisJobQueue other = queue(10, Duration.ofSeconds(1));
        JobLease claimed = other.take(Duration.ofSeconds(10)).orElseThrow();

        assertThat(claimed.id()).isEqualTo(job.id());
        assertThat(claimed.entry()).isEqualTo(lease.entry());
        assertThat(claimed.consumer()).isNotEqualTo(lease.consumer());
        assertThatThrownBy(() -> first.acknowledge(claimed)).isInstanceOf(IllegalArgumentException.class);
        other.acknowledge(claimed);
        assertThat(first.take(Duration.ofMillis(1500))).isEmpty();
    }

    @Test
    void refusesAClaimWhileRedisHasNotBeenAwakeForClaimAfter() throws Exception {
        RedisJobQueue dead = queue(10, Duration.ofSeconds(1));
        QueuedJob job = new QueuedJob(UUID.randomUUID(), command(8));
        dead.offer(job);
        JobLease lease = dead.take(Duration.ofSeconds(5)).orElseThrow();
        dead.close(); // no renewals, and no ticks: to Redis's clock, as if it had been paused
        Thread.sleep(1500); // idle past claim-after, and past the tick gap of half of it

        RedisJobQueue other = new RedisJobQueue(
                replica().calls(),
                replica().scheduler(),
                properties(10, Duration.ofHours(1), Duration.ofSeconds(1)),
                "test-" + UUID.randomUUID());
        closing.add(0, other);

        // The claim runs as the first command after the silence: Redis has only just woken.
        assertThat(other.claim()).isEmpty();
        long now = Long.parseLong(redis.command("GET", "gradfit:jobs:tick"));
        assertThat(Long.parseLong(redis.command("GET", "gradfit:jobs:awake-since")))
                .isEqualTo(now);
        // Once Redis has been awake, ticked by the upkeep, for claim-after, the claim goes through.
        other.start();
        JobLease claimed = other.take(Duration.ofSeconds(10)).orElseThrow();
        assertThat(claimed.id()).isEqualTo(lease.id());
        assertThat(claimed.entry()).isEqualTo(lease.entry());
    }

    @Test
    void keepsALiveReplicasJobThroughARedisPauseLongerThanClaimAfter() throws Exception {
        RedisJobQueue owner = queue(10, Duration.ofSeconds(1));
        QueuedJob job = new QueuedJob(UUID.randomUUID(), command(9));
        owner.offer(job);
        JobLease lease = owner.take(Duration.ofSeconds(5)).orElseThrow();
        RedisJobQueue other = queue(10, Duration.ofSeconds(1));
        Thread.sleep(1500); // both replicas tick; the other is past its own quiet start

        // Redis holds every client's commands for 2.5 s, as a paused (SIGSTOP) Redis does, then runs them.
        assertThat(redis.command("CLIENT", "PAUSE", "2500", "ALL")).isEqualTo("OK");

        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < until) {
            try {
                assertThat(other.take(Duration.ofMillis(500))).isEmpty();
            } catch (dev.gradfit.model.StoreUnavailableException paused) {
                // the read timed out while Redis held it: as a worker would, try again
            }
        }
        owner.acknowledge(lease);
    }

    @Test
    void countsTheWaitingJobsForTheMetersWithoutACallToRedis() throws Exception {
        RedisJobQueue queue = queue(10, Duration.ofMillis(300));
        queue.offer(new QueuedJob(UUID.randomUUID(), command(1)));
        queue.offer(new QueuedJob(UUID.randomUUID(), command(2)));
        await().atMost(Duration.ofSeconds(5)).until(() -> queue.waitingLastCounted() == 2);

        // Redis holds every command now: a count that asked it would wait, then fail.
        assertThat(redis.command("CLIENT", "PAUSE", "3000", "ALL")).isEqualTo("OK");
        long before = System.nanoTime();
        int counted = queue.waitingLastCounted();

        assertThat(counted).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(1));
        redis.command("CLIENT", "UNPAUSE");
    }

    @Test
    void warnsOnceWhenRedisLostTheJobQueue(CapturedOutput output) throws Exception {
        RedisJobQueue queue = queue(10, Duration.ofSeconds(30));
        queue.offer(new QueuedJob(UUID.randomUUID(), command(1)));
        assertThat(queue.take(Duration.ofSeconds(5))).isPresent();

        redis.command("FLUSHALL");
        for (int i = 0; i < 3; i++) {
            try {
                queue.take(Duration.ofMillis(200));
            } catch (dev.gradfit.model.StoreUnavailableException lost) {
                // the read that finds the group gone
            }
        }

        assertThat(output.getOut().split("Redis lost the job queue", -1)).hasSize(2);
    }

    @Test
    void keepsARunningJobFromBeingClaimedWhileItsWorkerRenewsIt() throws Exception {
        RedisJobQueue alive = queue(10, Duration.ofSeconds(1));
        QueuedJob job = new QueuedJob(UUID.randomUUID(), command(5));
        alive.offer(job);
        assertThat(alive.take(Duration.ofSeconds(5))).isPresent();

        RedisJobQueue other = queue(10, Duration.ofSeconds(1));

        assertThat(other.take(Duration.ofSeconds(3))).isEmpty();
    }

    @Test
    void numbersEventsReplaysThemAndAnnouncesEachAppend() throws Exception {
        RedisJobStore store = store(Duration.ofHours(1));
        Job job = Job.queued(UUID.randomUUID(), 10, null, T0);
        store.create(job);
        RedisClients replica = replica();
        RedisMessageListenerContainer listeners = replica.listeners();
        RedisJobEventLog events = new RedisJobEventLog(
                replica.calls(), listeners, properties(10, Duration.ofHours(1), Duration.ofSeconds(30)));
        AtomicInteger heard = new AtomicInteger();
        JobEventLog.Subscription subscription = events.subscribe(job.id(), heard::incrementAndGet);
        await().atMost(Duration.ofSeconds(5)).until(listeners::isListening);
        Thread.sleep(200);

        for (int epoch = 0; epoch < 8; epoch++) {
            events.append(
                    job.id(),
                    new JobEventData.JobProgress(
                            epoch, 1.0 / (epoch + 1), 0.1, new Weights(epoch, new double[] {-0.0})));
        }
        List<JobEvent> all = events.after(job.id(), 0);
        List<JobEvent> later = events.after(job.id(), 6);

        assertThat(all).extracting(JobEvent::id).containsExactly(4L, 5L, 6L, 7L, 8L);
        assertThat(later).extracting(JobEvent::id).containsExactly(7L, 8L);
        assertThat(((JobEventData.JobProgress) later.get(1).data()).cost()).isEqualTo(1.0 / 8);
        // Every append is announced once: eight progress events, eight announcements.
        await().atMost(Duration.ofSeconds(5)).until(() -> heard.get() >= 8);
        assertThat(heard).hasValue(8);

        Job ended = job.finished(JobResult.canceled(), T0.plusSeconds(1));
        events.append(job.id(), new JobEventData.JobEnded(ended));
        assertThat(events.after(job.id(), 0)).extracting(JobEvent::id).containsExactly(8L, 9L);
        assertThat(events.after(job.id(), 8).get(0).data()).isEqualTo(new JobEventData.JobEnded(ended));
        await().atMost(Duration.ofSeconds(5)).until(() -> heard.get() >= 9);
        subscription.close();

        // After its end, and for a job the store does not have, an event is dropped and not announced.
        UUID unknown = UUID.randomUUID();
        events.append(job.id(), new JobEventData.JobEnded(ended));
        events.append(unknown, new JobEventData.JobEnded(ended));
        assertThat(events.after(job.id(), 0)).extracting(JobEvent::id).containsExactly(8L, 9L);
        assertThat(events.after(unknown, 0)).isEmpty();
        assertThat(heard).hasValue(9);
    }
}
