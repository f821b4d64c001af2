package dev.gradfit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Every request the chaos load sent and what it was answered, kept to be held against what Redis holds
 * afterwards: the models answered 201, deleted (204) or not (503), the jobs answered 202, each event stream
 * followed, and every readiness probe.
 */
final class ChaosLedger {

    /** One answer: the route ("fit", "predict", "delete", "submit", "ready"), the replica, the status. */
    record Answer(String route, String replica, int status, Instant at, long millis) {}

    /** A readiness probe's answer, when it came: HTTP status and whether the body said STORE_FULL. */
    record Probe(String replica, Instant answered, int status, boolean storeFull) {}

    /** An SSE client of one job, reconnecting with Last-Event-ID as EventSource does. */
    static final class Follower {
        final String job;
        final String replica;
        final List<Integer> epochs = new CopyOnWriteArrayList<>();
        volatile Instant endedAt;
        volatile String how;
        volatile int connections;

        Follower(String job, String replica) {
            this.job = job;
            this.replica = replica;
        }

        boolean ended() {
            return endedAt != null;
        }

        /** How often a progress event named an epoch below one seen before. */
        int backwardJumps() {
            int jumps = 0;
            int highest = -1;
            for (int epoch : epochs) {
                if (epoch < highest) {
                    jumps++;
                }
                highest = Math.max(highest, epoch);
            }
            return jumps;
        }
    }

    final Queue answers = new Queue();
    final Map<String, Instant> fitted = new ConcurrentHashMap<>();
    final Set<String> deleted = ConcurrentHashMap.newKeySet();
    final Map<String, Instant> deleteRefused = new ConcurrentHashMap<>();
    /** Fits and DELETEs answered 502 store-outcome-unknown: the connection broke with the write in flight. */
    final java.util.concurrent.atomic.AtomicInteger fitsOfUnknownOutcome =
            new java.util.concurrent.atomic.AtomicInteger();

    final java.util.concurrent.atomic.AtomicInteger submitsOfUnknownOutcome =
            new java.util.concurrent.atomic.AtomicInteger();
    final Set<String> deletesOfUnknownOutcome = ConcurrentHashMap.newKeySet();
    final Map<String, Instant> submitted = new ConcurrentHashMap<>();
    final Map<String, Follower> followers = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<Probe> probes = new ConcurrentLinkedQueue<>();

    /** The answers, in the order they came. */
    static final class Queue extends ConcurrentLinkedQueue<Answer> {
        List<Answer> between(Instant from, Instant to) {
            return stream()
                    .filter(a -> !a.at().isBefore(from) && !a.at().isAfter(to))
                    .toList();
        }
    }

    /** "fit 201×40 503×3, predict 200×80, ...": the answers of a window by route and status. */
    String summary(Instant from, Instant to) {
        Map<String, Map<Integer, Long>> counts = answers.between(from, to).stream()
                .collect(Collectors.groupingBy(
                        Answer::route,
                        java.util.TreeMap::new,
                        Collectors.groupingBy(Answer::status, java.util.TreeMap::new, Collectors.counting())));
        return counts.entrySet().stream()
                .map(route -> route.getKey() + " "
                        + route.getValue().entrySet().stream()
                                .map(s -> s.getKey() + "×" + s.getValue())
                                .collect(Collectors.joining(" ")))
                .collect(Collectors.joining(", "));
    }

    /** The slowest answer of a window. */
    Duration slowest(Instant from, Instant to) {
        return Duration.ofMillis(answers.between(from, to).stream()
                .mapToLong(Answer::millis)
                .max()
                .orElse(0));
    }
}
