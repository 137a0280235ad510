package fr.ent.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * GET requests sent open-loop at a fixed rate, for benchmarks: each latency is counted from when its request was
 * due, so a slow answer cannot hide the ones queued behind it. Connections are kept alive (HttpURLConnection reuses
 * them when a body is read whole).
 */
public final class OpenLoad {

    /**
     * What a run measured; latencies of answered requests only (a failure, fast or slow, is counted apart).
     *
     * @param slowestBySecond the slowest 1 % of answered requests, counted by the second of the run they were due in:
     *     whether the tail is spread over the run (the service is slow) or comes in bursts (something stalled)
     */
    public record Result(int sent, int failed, double seconds, List<Long> sortedLatencyNanos,
            SortedMap<Integer, Integer> slowestBySecond) {

        public double percentileMillis(double p) {
            List<Long> sorted = sortedLatencyNanos;
            return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p / 100 * sorted.size()) - 1)) / 1e6;
        }

        public String summary() {
            return String.format("p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms", percentileMillis(50),
                    percentileMillis(95), percentileMillis(99),
                    sortedLatencyNanos.get(sortedLatencyNanos.size() - 1) / 1e6);
        }

        /** e.g. "the slowest 1 % (200) were due in 3 of 20 seconds: 4 s 150, 5 s 40, 17 s 10". */
        public String slowestSummary() {
            int slowest = slowestBySecond.values().stream().mapToInt(Integer::intValue).sum();
            String busiest = slowestBySecond.entrySet().stream()
                    .sorted(Map.Entry.<Integer, Integer>comparingByValue().reversed()).limit(8)
                    .map(second -> second.getKey() + " s " + second.getValue()).collect(Collectors.joining(", "));
            return String.format("the slowest 1 %% (%d) were due in %d of %.0f seconds: %s", slowest,
                    slowestBySecond.size(), seconds, busiest);
        }
    }

    static {
        // HttpURLConnection keeps this many idle connections per server (5 by default), a value it reads once per JVM,
        // at its first kept connection: set in run(), it came too late (the warm-up had kept one), and at 1,000
        // requests/s one request in eight opened a new connection (2,400 sockets in TIME_WAIT after a 20 s run).
        System.setProperty("http.maxConnections", "100");
    }

    private OpenLoad() {
    }

    /** Sequential requests first (JIT, connection pools); returns their mean time in milliseconds. */
    public static double warmUp(URL url, String token, int requests) throws IOException {
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            get(url, token);
        }
        return (System.nanoTime() - start) / (double) requests / 1e6;
    }

    /** Seconds of load at the measured rate sent first and not counted (see {@link #run}). */
    public static final int RAMP_SECONDS = 3;

    /**
     * {@link #RAMP_SECONDS} of the same load first, not counted, then {@code seconds} measured. The sequential
     * warm-up leaves one connection and one server thread busy; under open-loop load the first second then waited for
     * new connections, threads and the code paths of concurrency (200 ms on average in that second against 2 – 8 ms
     * after, by a trace of each request's latency), which alone made the 95th percentile of a 20 s run.
     *
     * @param answered whether a body is the answer expected (anything else counts as a failure)
     */
    public static Result run(URL url, String token, int rate, int seconds, Predicate<String> answered)
            throws Exception {
        load(url, token, rate, RAMP_SECONDS, answered);
        return load(url, token, rate, seconds, answered);
    }

    static Result load(URL url, String token, int rate, int seconds, Predicate<String> answered)
            throws Exception {
        ConcurrentLinkedQueue<long[]> latencies = new ConcurrentLinkedQueue<>(); // {due since start, latency}
        AtomicInteger failures = new AtomicInteger();
        List<Future<?>> inFlight = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(64);
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        int total = rate * seconds;
        try {
            for (int i = 0; i < total; i++) {
                long due = start + i * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                inFlight.add(clients.submit(() -> {
                    try {
                        if (answered.test(get(url, token))) {
                            latencies.add(new long[] {due - start, System.nanoTime() - due});
                        } else {
                            failures.incrementAndGet();
                        }
                    } catch (IOException | RuntimeException e) {
                        failures.incrementAndGet();
                    }
                }));
            }
            for (Future<?> request : inFlight) {
                request.get();
            }
        } finally {
            clients.shutdown();
        }
        List<long[]> requests = new ArrayList<>(latencies);
        requests.sort((a, b) -> Long.compare(a[1], b[1]));
        List<Long> sorted = new ArrayList<>(requests.size());
        requests.forEach(request -> sorted.add(request[1]));
        SortedMap<Integer, Integer> slowest = new TreeMap<>();
        for (long[] request : requests.subList(requests.size() - requests.size() / 100, requests.size())) {
            slowest.merge((int) (request[0] / 1_000_000_000L), 1, Integer::sum);
        }
        return new Result(total, failures.get(), (System.nanoTime() - start) / 1e9, sorted, slowest);
    }

    private static String get(URL url, String token) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        connection.setRequestProperty("Authorization", "Bearer " + token);
        connection.setConnectTimeout(10_000);
        connection.setReadTimeout(10_000);
        if (connection.getResponseCode() != 200) {
            try (InputStream error = connection.getErrorStream()) {
                if (error != null) {
                    error.readAllBytes();
                }
            }
            return "";
        }
        try (InputStream body = connection.getInputStream()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
