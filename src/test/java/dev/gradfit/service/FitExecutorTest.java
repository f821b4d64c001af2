package dev.gradfit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradfit.config.ExecutorProperties;
import dev.gradfit.fitting.train.FitDivergedException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FitExecutorTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private FitExecutor executor;

    @AfterEach
    void stop() {
        release.countDown();
        if (executor != null) {
            executor.destroy();
        }
    }

    private FitExecutor executor(int threads, int queue, Duration maxWait) {
        executor = new FitExecutor(new ExecutorProperties(threads, queue, maxWait, Duration.ofMillis(1500)));
        return executor;
    }

    /** A fit that holds its thread until the test lets go. */
    private String blockingFit() throws InterruptedException {
        release.await();
        return "done";
    }

    @Test
    void runsAFitAndReturnsItsResult() {
        assertThat(executor(1, 1, Duration.ofSeconds(10)).call(() -> 42)).isEqualTo(42);
    }

    @Test
    void refusesAtOnceWhenEveryThreadAndQueueSlotIsTaken() throws Exception {
        FitExecutor fits = executor(1, 1, Duration.ofSeconds(30));
        CompletableFuture<String> running = CompletableFuture.supplyAsync(() -> fits.call(this::blockingFit));
        CompletableFuture<String> queued = CompletableFuture.supplyAsync(() -> fits.call(this::blockingFit));
        awaitInFlight(fits, 2);

        assertThatThrownBy(() -> fits.call(() -> "third"))
                .isInstanceOfSatisfying(
                        FitCapacityExceededException.class,
                        ex -> assertThat(ex.retryAfter()).isEqualTo(Duration.ofMillis(1500)));

        release.countDown();
        assertThat(running.get(10, TimeUnit.SECONDS)).isEqualTo("done");
        assertThat(queued.get(10, TimeUnit.SECONDS)).isEqualTo("done");
    }

    @Test
    void stopsAFitThatOutlastsTheWaitAndInterruptsIt() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        FitExecutor fits = executor(1, 0, Duration.ofMillis(200));

        assertThatThrownBy(() -> fits.call(() -> {
                    try {
                        return blockingFit();
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                        throw e;
                    }
                }))
                .isInstanceOf(FitTimedOutException.class);
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void passesTheFitsOwnExceptionsThrough() {
        FitExecutor fits = executor(1, 1, Duration.ofSeconds(10));

        assertThatThrownBy(() -> fits.call(() -> {
                    throw new FitDivergedException(3, 1.0, 0.5);
                }))
                .isInstanceOf(FitDivergedException.class);
    }

    private static void awaitInFlight(FitExecutor fits, int expected) throws InterruptedException {
        for (int i = 0; i < 1000 && fits.inFlight() < expected; i++) {
            Thread.sleep(5);
        }
        assertThat(fits.inFlight()).isEqualTo(expected);
    }
}
