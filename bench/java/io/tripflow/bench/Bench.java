package io.tripflow.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import io.tripflow.config.TripflowSettings;
import io.tripflow.localstack.LocalAwsStack;
import io.tripflow.localstack.TestStack;
import io.tripflow.trip.TripHalf;
import io.tripflow.trip.TripTable;
import io.tripflow.trip.files.TripEventRecord;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * What every benchmark shares: the sizes set with -Dbench.*, the embedded local stack, the table
 * of figures, and small helpers (fresh tables, the launcher, generated events, waiting).
 */
final class Bench {

    static final int EVENTS = Integer.getInteger("bench.events", 10_000);
    static final int RUNS = Integer.getInteger("bench.runs", 5);
    /**
     * Pairs (pipeline, raw) behind benchmark 2's ratios. The store's own rate swings by up to 2×
     * from one round to the next, so a ratio needs more pairs than the other figures need runs.
     */
    static final int PAIRS = Integer.getInteger("bench.pairs", 10);
    /**
     * Runs before the measured ones of benchmark 1, kept out of their figures; when above 0, also
     * one round before benchmark 3's and at least this many before benchmark 2's. A JIT on 2 cores
     * takes tens of thousands of records to compile the hot path, while a running consumer spends
     * its life warm.
     */
    static final int WARMUPS = Integer.getInteger("bench.warmups", 2);
    static final int KPI_TRIPS = Integer.getInteger("bench.kpi.trips", 200_000);
    static final DateTimeFormatter CSV_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** One line of the printed table. */
    record Row(String benchmark, String figure, String value, String target, int runs) {
    }

    final TestStack.Clients aws = TestStack.clients();
    final LocalAwsStack stack = TestStack.embedded().orElseThrow(() -> new IllegalStateException("benchmarks run on the embedded stack"));
    final Path home = Path.of("").toAbsolutePath();
    final List<Row> rows = new ArrayList<>();
    /** Settings of a single-shard stream holding EVENTS start events, read again by each run (new KCL app). */
    final Map<String, String> oneShardStream;

    Bench(Map<String, String> oneShardStream) {
        this.oneShardStream = oneShardStream;
    }

    void row(String benchmark, String figure, String value, String target, int runs) {
        rows.add(new Row(benchmark, figure, value, target, runs));
    }

    static String freshTripTable(DynamoDbClient dynamoDb) {
        String table = TripWrites.TABLE_PREFIX + System.nanoTime();
        dynamoDb.createTable(TripTable.request(table));
        return table;
    }

    /** bin/tripflow with these settings as environment variables, on the embedded stack. */
    ProcessBuilder launcher(Map<String, String> settings, String... command) {
        List<String> argv = new ArrayList<>(List.of(home.resolve("bin/tripflow").toString()));
        argv.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().putAll(stack.environment());
        settings.forEach((key, value) -> builder.environment().put(TripflowSettings.envVarOf(key), value));
        return builder;
    }

    /** Start events of distinct trips, a second apart, shaped like the real data. */
    static List<TripEventRecord> startEvents(int count, String prefix) {
        List<TripEventRecord> events = new ArrayList<>(count);
        LocalDateTime base = LocalDateTime.of(2024, 5, 25, 0, 0);
        for (int i = 0; i < count; i++) {
            Map<String, String> row = new LinkedHashMap<>();
            LocalDateTime pickup = base.plusSeconds(i);
            row.put("trip_id", prefix + i);
            row.put("pickup_location_id", String.valueOf(1 + i % 265));
            row.put("dropoff_location_id", String.valueOf(1 + (i * 7) % 265));
            row.put("vendor_id", String.valueOf(1 + i % 2));
            row.put("pickup_datetime", CSV_TIME.format(pickup));
            row.put("estimated_dropoff_datetime", CSV_TIME.format(pickup.plusMinutes(25)));
            row.put("estimated_fare_amount", String.valueOf(8 + (i % 9000) / 100.0));
            events.add(TripEventRecord.of(TripHalf.Side.START, row));
        }
        return events;
    }

    /** Puts count items made by {@code item} into a table, 25 a BatchWriteItem, 8 calls at once, retrying what was left unprocessed. */
    void batchPut(String table, int count, IntFunction<Map<String, AttributeValue>> item) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> batches = new ArrayList<>();
        for (int from = 0; from < count; from += 25) {
            int start = from;
            batches.add(pool.submit(() -> {
                List<WriteRequest> writes = new ArrayList<>();
                for (int i = start; i < Math.min(count, start + 25); i++) {
                    writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item.apply(i)).build()).build());
                }
                Map<String, List<WriteRequest>> pending = Map.of(table, writes);
                while (!pending.isEmpty()) {
                    Map<String, List<WriteRequest>> request = pending;
                    pending = aws.dynamoDb().batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
                }
                return null;
            }));
        }
        for (Future<?> batch : batches) {
            batch.get();
        }
        pool.shutdown();
    }

    @FunctionalInterface
    interface Condition {
        boolean met() throws Exception;
    }

    static void waitUntil(Condition condition, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.met()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("condition not met within " + seconds + " s");
            }
            Thread.sleep(50);
        }
    }

    static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[bench " + Instant.now() + "] " + format + "%n", args);
    }
}
