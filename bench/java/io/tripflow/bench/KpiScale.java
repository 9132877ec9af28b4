package io.tripflow.bench;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tripflow.localstack.TestStack;
import io.tripflow.trip.TripTable;
import io.tripflow.trip.kpi.DailyKpiCalculator;
import io.tripflow.trip.kpi.DateBuckets;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import static io.tripflow.bench.Bench.KPI_TRIPS;
import static io.tripflow.bench.Bench.RUNS;
import static io.tripflow.bench.Bench.WARMUPS;
import static io.tripflow.bench.Bench.log;

/** Benchmark 3: the KPI of a large date against a raw parallel Query of the same index entries, and its heap as the date doubles. */
final class KpiScale implements Benchmark {

    private static final Pattern GC_HEAP = Pattern.compile("(\\d+)M->(\\d+)M");

    private Bench bench;

    @Override
    public void run(Bench bench) throws Exception {
        this.bench = bench;
        Map<String, String> settings = TestStack.freshResources("bench-kpi", true);
        String table = settings.get("tripflow.trips.table");
        LocalDate day = LocalDate.of(2024, 6, 1);
        LocalDate doubled = LocalDate.of(2024, 6, 2);
        log("loading %d + %d completed trips with BatchWriteItem", KPI_TRIPS, 2 * KPI_TRIPS);
        load(table, day, KPI_TRIPS);
        load(table, doubled, 2 * KPI_TRIPS);

        DailyKpiCalculator calculator = new DailyKpiCalculator(new DateBuckets(bench.aws.dynamoDb(), table, 16, 8),
                TestStack.settings(settings).analyticsRules(), Clock.systemUTC());
        if (WARMUPS > 0) {
            // One unmeasured round: the first queries after the load meet cold code on both sides.
            timeKpi(calculator, day);
            timeRawQuery(table, day);
        }
        double[] kpi = new double[RUNS];
        double[] raw = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            // Each side goes first in every other round, as in benchmark 2.
            if (i % 2 == 0) {
                kpi[i] = timeKpi(calculator, day);
                raw[i] = timeRawQuery(table, day);
            } else {
                raw[i] = timeRawQuery(table, day);
                kpi[i] = timeKpi(calculator, day);
            }
            log("b3 round %d: KPI %.2f s, raw query %.2f s", i, kpi[i], raw[i]);
        }
        String label = "3. KPI for one date, " + KPI_TRIPS + " completed trips";
        bench.row(label, "KPI time, s", new Figures(Figures.list(kpi)).format("%.2f"), "", RUNS);
        bench.row(label, "raw parallel Query of the same index entries, s", new Figures(Figures.list(raw)).format("%.2f"), "", RUNS);
        bench.row(label, "KPI ÷ raw query, each run's pair", Figures.ratios(kpi, raw).format("%.2f"), "≤ 1.2", RUNS);

        long[] heapSmall = kpiProcessHeapMb(settings, day);
        long[] heapDoubled = kpiProcessHeapMb(settings, doubled);
        String heapLabel = "3. KPI heap (tripflow kpi process, -Xmx256m, serial GC log)";
        bench.row(heapLabel, "largest live heap after a GC, " + KPI_TRIPS + " → " + 2 * KPI_TRIPS + " trips, MB",
                heapSmall[1] + " → " + heapDoubled[1], "flat", 1);
        bench.row(heapLabel, "largest heap before a GC (fills to the cap), MB", heapSmall[0] + " → " + heapDoubled[0], "", 1);
    }

    private void load(String table, LocalDate date, int trips) throws Exception {
        bench.batchPut(table, trips, i -> completedTrip(date, i));
    }

    private static Map<String, AttributeValue> completedTrip(LocalDate date, int i) {
        String id = date + "-" + i;
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TripTable.TRIP_ID, AttributeValue.fromS(id));
        item.put(TripTable.DATE_BUCKET, AttributeValue.fromS(TripTable.dateBucketKey(date, TripTable.bucketOf(id, 16))));
        item.put(TripTable.FARE_AMOUNT, AttributeValue.fromN(BigDecimal.valueOf(1000 + i % 9000, 2).toPlainString()));
        item.put(TripTable.TIP_AMOUNT, AttributeValue.fromN("1.25"));
        item.put(TripTable.TRIP_DISTANCE, AttributeValue.fromN("3.4"));
        item.put(TripTable.PICKUP_DATETIME, AttributeValue.fromS(date + "T10:00:00Z"));
        item.put(TripTable.DROPOFF_DATETIME, AttributeValue.fromS(date + "T10:25:00Z"));
        // the per-vendor and per-payment-type breakdowns fold these
        item.put(TripTable.VENDOR_ID, AttributeValue.fromN(String.valueOf(1 + i % 2)));
        item.put(TripTable.PAYMENT_TYPE, AttributeValue.fromN(String.valueOf(1 + i % 4)));
        return item;
    }

    private static double timeKpi(DailyKpiCalculator calculator, LocalDate day) throws Exception {
        long started = System.nanoTime();
        long count = calculator.compute(day).countTrips();
        return secondsSince(started, count, "the KPI");
    }

    private double timeRawQuery(String table, LocalDate day) throws Exception {
        long started = System.nanoTime();
        long count = rawParallelQuery(table, day);
        return secondsSince(started, count, "the raw query");
    }

    private static double secondsSince(long started, long tripsSeen, String who) {
        double seconds = (System.nanoTime() - started) / 1e9;
        if (tripsSeen != KPI_TRIPS) {
            throw new IllegalStateException("expected " + KPI_TRIPS + " trips, " + who + " saw " + tripsSeen);
        }
        return seconds;
    }

    private long rawParallelQuery(String table, LocalDate date) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Long>> buckets = new ArrayList<>();
        for (int bucket = 0; bucket < 16; bucket++) {
            String key = TripTable.dateBucketKey(date, bucket);
            buckets.add(pool.submit(() -> bench.aws.dynamoDb().queryPaginator(QueryRequest.builder().tableName(table)
                            .indexName(TripTable.COMPLETED_BY_DATE_INDEX).keyConditionExpression("#b = :b")
                            .expressionAttributeNames(Map.of("#b", TripTable.DATE_BUCKET))
                            .expressionAttributeValues(Map.of(":b", AttributeValue.fromS(key))).build())
                    .stream().mapToLong(page -> page.items().size()).sum()));
        }
        long total = 0;
        for (Future<Long> bucket : buckets) {
            total += bucket.get();
        }
        pool.shutdown();
        return total;
    }

    /** {largest heap before a collection, largest heap left after one}, in MB. */
    private long[] kpiProcessHeapMb(Map<String, String> settings, LocalDate date) throws Exception {
        Path log = bench.home.resolve("target/bench-kpi-" + date + ".log");
        ProcessBuilder kpi = bench.launcher(settings, "kpi", "--date", date.toString());
        kpi.environment().put("JAVA_OPTS", "-Xmx256m -XX:+UseSerialGC -Xlog:gc:stdout");
        Process process = kpi.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("tripflow kpi failed, see " + log);
        }
        long before = 0;
        long after = 0;
        Matcher m = GC_HEAP.matcher(Files.readString(log));
        while (m.find()) {
            before = Math.max(before, Long.parseLong(m.group(1)));
            after = Math.max(after, Long.parseLong(m.group(2)));
        }
        return new long[] {before, after};
    }
}
