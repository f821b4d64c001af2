package dev.gradfit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A bounded load on the replicas, written into a {@link ChaosLedger}: three clients sending fits,
 * predictions with the models fitted and DELETEs of them; one submitting a short job every 600 ms, each
 * followed by an SSE client; and a readiness probe per replica every 250 ms. Every client waits for its
 * answer (up to 20 s, more than any fault lasts) before its next request, so the load is bounded.
 */
final class ChaosLoad {

    /** A fit that takes milliseconds. */
    static final String FIT = "{\"x\":[1,2,3,4,5],\"y\":[3,5,7,9,11],\"learningRate\":0.05,\"epochs\":200}";
    /** A job that runs for its time budget, 600 ms, reporting progress. */
    static final String JOB = job(600);

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern EPOCH = Pattern.compile("\"epoch\"\\s*:\\s*(\\d+)");

    private final HttpClient http;
    private final List<ChaosReplica> replicas;
    private final ChaosLedger ledger;
    private final List<String> known = new ArrayList<>();
    private final ExecutorService followers = Executors.newCachedThreadPool(daemon("chaos-follower"));
    private final List<Thread> clients = new ArrayList<>();
    private volatile boolean running;

    ChaosLoad(HttpClient http, List<ChaosReplica> replicas, ChaosLedger ledger) {
        this.http = http;
        this.replicas = replicas;
        this.ledger = ledger;
    }

    /**
     * A job body of a wide fit (40 rows, 20 features, mini-batches so that every epoch passes over the rows)
     * with far more epochs than {@code millis} allows: it runs for its time budget and ends SUCCEEDED.
     */
    static String job(int millis) {
        String wide = dev.gradfit.web.FitBodies.wide(40, 20, 1_000_000, 0.001);
        return wide.substring(0, wide.length() - 1) + ",\"batchSize\":39,\"shuffle\":false,\"maxDurationMs\":" + millis
                + "}";
    }

    void start() {
        running = true;
        for (int i = 0; i < 3; i++) {
            Random random = new Random(i);
            clients.add(client("chaos-api-" + i, () -> apiRequest(random)));
        }
        Random jobs = new Random(42);
        clients.add(client("chaos-jobs", () -> {
            submit(replicas.get(jobs.nextInt(replicas.size())), JOB);
            Thread.sleep(600);
        }));
        for (ChaosReplica replica : replicas) {
            clients.add(client("chaos-ready-" + replica.name(), () -> {
                probe(replica);
                Thread.sleep(250);
            }));
        }
    }

    void stop() throws InterruptedException {
        running = false;
        for (Thread client : clients) {
            client.join(30_000);
        }
        clients.clear();
    }

    /** Waits up to {@code within} for every follower to have seen its job's end or a 404. */
    boolean awaitFollowers(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (ledger.followers.values().stream().allMatch(ChaosLedger.Follower::ended)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** Forgets the models fitted so far, as clients would after Redis lost them: later faults predict with new ones. */
    void forgetModels() {
        synchronized (known) {
            known.clear();
        }
    }

    void shutdown() {
        followers.shutdownNow();
    }

    private interface Step {
        void run() throws Exception;
    }

    private Thread client(String name, Step step) {
        Thread thread = new Thread(
                () -> {
                    while (running) {
                        try {
                            step.run();
                        } catch (InterruptedException e) {
                            return;
                        } catch (Exception e) {
                            // recorded where it happened; go on
                        }
                    }
                },
                name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void apiRequest(Random random) throws Exception {
        ChaosReplica replica = replicas.get(random.nextInt(replicas.size()));
        int dice = random.nextInt(100);
        String model = pick(random, dice >= 80);
        if (dice < 45 || model == null) {
            HttpResponse<String> fit = send("fit", replica, post(replica, "/api/v1/models", FIT));
            if (fit != null && fit.statusCode() == 201) {
                String id = id(fit.body());
                ledger.fitted.put(id, Instant.now());
                synchronized (known) {
                    known.add(id);
                }
            }
            if (fit != null && fit.statusCode() == 502) {
                ledger.fitsOfUnknownOutcome.incrementAndGet();
            }
        } else if (dice < 80) {
            send("predict", replica, post(replica, "/api/v1/models/" + model + "/predictions", "{\"x\":[6,7]}"));
        } else {
            HttpResponse<String> delete = send(
                    "delete",
                    replica,
                    request(replica, "/api/v1/models/" + model).DELETE().build());
            if (delete != null && delete.statusCode() == 204) {
                ledger.deleted.add(model);
            } else if (delete != null && delete.statusCode() == 503) {
                ledger.deleteRefused.put(model, Instant.now());
            } else if (delete != null && delete.statusCode() == 502) {
                ledger.deletesOfUnknownOutcome.add(model);
            }
        }
        Thread.sleep(30);
    }

    /** A model answered 201; taken out of the pool when it is to be deleted, so each gets one DELETE. */
    private String pick(Random random, boolean remove) {
        synchronized (known) {
            if (known.isEmpty()) {
                return null;
            }
            int at = random.nextInt(known.size());
            return remove ? known.remove(at) : known.get(at);
        }
    }

    /** Submits a job; one answered 202 is kept in the ledger and followed. Returns its status. */
    int submit(ChaosReplica replica, String body) throws InterruptedException {
        HttpResponse<String> submitted = send("submit", replica, post(replica, "/api/v1/jobs", body));
        if (submitted == null) {
            return 0;
        }
        if (submitted.statusCode() == 502) {
            ledger.submitsOfUnknownOutcome.incrementAndGet();
        }
        if (submitted.statusCode() == 202) {
            String id = id(submitted.body());
            ledger.submitted.put(id, Instant.now());
            ChaosLedger.Follower follower = new ChaosLedger.Follower(id, replica.name());
            ledger.followers.put(id, follower);
            followers.execute(() -> follow(replica, follower));
        }
        return submitted.statusCode();
    }

    /**
     * Follows a job's events as EventSource does: reconnects with Last-Event-ID a second after a stream
     * ended without the job's end, until the end event or a 404; gives up after two minutes.
     */
    private void follow(ChaosReplica replica, ChaosLedger.Follower follower) {
        long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        String lastId = null;
        while (System.nanoTime() < giveUp && !Thread.currentThread().isInterrupted()) {
            HttpRequest.Builder request =
                    request(replica, "/api/v1/jobs/" + follower.job + "/events").header("Accept", "text/event-stream");
            if (lastId != null) {
                request.header("Last-Event-ID", lastId);
            }
            try {
                follower.connections++;
                HttpResponse<Stream<String>> stream = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
                if (stream.statusCode() == 404 || stream.statusCode() == 204) {
                    stream.body().close();
                    follower.how = Integer.toString(stream.statusCode());
                    follower.endedAt = Instant.now();
                    return;
                }
                String event = null;
                for (Iterator<String> lines = stream.body().iterator(); lines.hasNext(); ) {
                    String line = lines.next();
                    if (line.startsWith("id:")) {
                        lastId = line.substring(3).trim();
                    } else if (line.startsWith("event:")) {
                        event = line.substring(6).trim();
                    } else if (line.startsWith("data:") && event != null) {
                        Matcher epoch = EPOCH.matcher(line);
                        if (epoch.find()) {
                            follower.epochs.add(Integer.parseInt(epoch.group(1)));
                        }
                        if (!event.equals("progress")) {
                            follower.how = event;
                            follower.endedAt = Instant.now();
                            stream.body().close();
                            return;
                        }
                    }
                }
            } catch (IOException e) {
                // a replica or Redis away: reconnect as EventSource would
            } catch (InterruptedException e) {
                return;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
        follower.how = "abandoned";
    }

    private void probe(ChaosReplica replica) throws InterruptedException {
        HttpResponse<String> ready = send(
                "ready", replica, request(replica, "/actuator/health/readiness").build());
        int status = ready == null ? 0 : ready.statusCode();
        ledger.probes.add(new ChaosLedger.Probe(
                replica.name(),
                Instant.now(),
                status,
                ready != null && ready.body().contains("STORE_FULL")));
    }

    private HttpResponse<String> send(String route, ChaosReplica replica, HttpRequest request)
            throws InterruptedException {
        Instant at = Instant.now();
        long started = System.nanoTime();
        HttpResponse<String> response = null;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // status 0: no answer
        }
        ledger.answers.add(new ChaosLedger.Answer(
                route,
                replica.name(),
                response == null ? 0 : response.statusCode(),
                at,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
        return response;
    }

    private HttpRequest post(ChaosReplica replica, String path, String body) {
        return request(replica, path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static HttpRequest.Builder request(ChaosReplica replica, String path) {
        URI uri = replica.uri(path);
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20));
    }

    static String id(String body) {
        Matcher id = ID.matcher(body);
        if (!id.find()) {
            throw new AssertionError("no id in " + body);
        }
        return id.group(1);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
