package io.tripflow.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tripflow.TripflowApplication;
import io.tripflow.config.AwsResources;
import io.tripflow.config.TripflowSettings;
import io.tripflow.kinesis.KinesisRecordHeaders;
import io.tripflow.kpi.DailyKpiCalculator;
import io.tripflow.kpi.DateBuckets;
import io.tripflow.localstack.LocalAwsStack;
import io.tripflow.localstack.TcpProxy;
import io.tripflow.localstack.TestStack;
import io.tripflow.replay.StreamPublisher;
import io.tripflow.replay.TripEventRecord;
import io.tripflow.trip.TripEventReader;
import io.tripflow.trip.TripHalf;
import io.tripflow.trip.TripJson;
import io.tripflow.trip.TripStart;
import io.tripflow.trip.TripStore;
import io.tripflow.trip.TripTable;
import io.tripflow.trip.UpsertOutcome;
import org.apache.camel.CamelContext;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * tripflow's benchmarks, run with `mvn -Pbench verify` (see BENCHMARKS.md). Every figure is
 * measured here, on this machine, against the local AWS stack; each ratio within one run.
 * Figures are printed, never asserted.
 */
public final class Benchmarks {

    private static final int EVENTS = Integer.getInteger("bench.events", 10_000);
    private static final int RUNS = Integer.getInteger("bench.runs", 5);
    /**
     * Pairs (pipeline, raw) behind benchmark 2's ratios. The store's own rate swings by up to 2×
     * from one round to the next (raw writes 507–1,153/s in one run), so a ratio needs more pairs
     * than the other figures need runs.
     */
    private static final int PAIRS = Integer.getInteger("bench.pairs", 10);
    /**
     * Runs before the measured ones of benchmark 1, kept out of their figures; when above 0, also
     * one round before benchmark 3's and at least this many before benchmark 2's. A JIT on 2 cores
     * takes tens of thousands of records to compile the hot path (an SDK UpdateItem alone costs
     * ~900 µs of CPU cold and ~200 µs after 100,000 calls), while a running consumer spends its
     * life warm.
     */
    private static final int WARMUPS = Integer.getInteger("bench.warmups", 2);
    /** The most unmeasured rounds before benchmarks 2 and 2b, however much the rates still rise. */
    private static final int MAX_WARMUP_ROUNDS = 6;
    private static final int KPI_TRIPS = Integer.getInteger("bench.kpi.trips", 200_000);
    private static final String STORE_ROUTE = "store-trip-half";
    /** -Dbench.only=1,3 runs only those benchmarks. */
    private static final String ONLY = System.getProperty("bench.only", "1,2,3,4,5");
    private static final DateTimeFormatter CSV_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private record Row(String benchmark, String figure, String value, String target, int runs) {
    }

    /**
     * Events (or writes) per second over a measured window, each core's CPU µs per event in it, and
     * the trip-table UpdateItems in it: mean in flight and mean round trip (ms).
     */
    private record Rate(double perSecond, double[] cpuMicrosPerEvent, double writesInFlight, double writeMillis) {

        static Rate since(long events, CoreTimes cpu, TripWrites.Snapshot writes) {
            TripWrites.Snapshot now = TripWrites.Snapshot.now();
            return new Rate(events / ((now.at() - writes.at()) / 1e9), CoreTimes.now().microsPerEventSince(cpu, events),
                    now.inFlightSince(writes), now.millisPerCallSince(writes));
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private final TestStack.Clients aws = TestStack.clients();
    private final LocalAwsStack stack = TestStack.embedded().orElseThrow(() -> new IllegalStateException("benchmarks run on the embedded stack"));
    private final Path home = Path.of("").toAbsolutePath();

    public static void main(String[] args) throws Exception {
        Benchmarks benchmarks = new Benchmarks();
        try {
            benchmarks.run();
        } finally {
            benchmarks.print();
        }
        System.exit(0);
    }

    private void run() throws Exception {
        // One single-shard stream holding EVENTS start events, read again by each run (new KCL app).
        // (kinesis-local slows down appending to a long shard: 10,000 events take about a minute.)
        Map<String, String> oneShard = TestStack.freshResources("bench", false, Map.of("tripflow.streams.trip-start.shards", "1"));
        log("publishing %d events to a 1-shard stream", EVENTS);
        new StreamPublisher(aws.kinesis()).publish(startEvents(EVENTS, "b"), e -> oneShard.get("tripflow.streams.trip-start"));

        if (selected("1")) {
            pipelineAgainstA10msStore(oneShard);
        }
        if (selected("2")) {
            pipelineAgainstDynamoDbLocal(oneShard);
        }
        if (selected("2c")) {
            // Only on request (-Dbench.only=2c): it answered whether the gap in 2 comes from sharing
            // a JVM with the store or from sharing the cores (BENCHMARKS.md: the cores).
            pipelineAgainstStoreProcess("2c. DynamoDB Local as a process of its own, sharing both cores with the pipeline", "b2c", oneShard,
                    List.of());
        }
        if (selected("3")) {
            kpiOverManyTrips();
        }
        if (selected("4")) {
            processFootprint(oneShard);
        }
        if (selected("5")) {
            endToEndLatency();
        }
    }

    private static boolean selected(String benchmark) {
        return List.of(ONLY.split(",")).contains(benchmark);
    }

    // ---------- 1: the pipeline alone, store answering in 10 ms ----------

    private void pipelineAgainstA10msStore(Map<String, String> stream) throws Exception {
        String realDynamoDb = stack.endpoint(LocalAwsStack.Service.DYNAMODB);
        try (DelayedTripStore store = new DelayedTripStore(realDynamoDb, TripWrites.TABLE_PREFIX, 10)) {
            System.setProperty("aws.endpointUrlDynamoDb", store.url());
            double[] warmUp = new double[WARMUPS];
            for (int i = 0; i < warmUp.length; i++) {
                warmUp[i] = eventsPerSecond(stream, "b1w" + i, Map.of(), EVENTS, aws.dynamoDb()).perSecond();
            }
            double[] pipeline = new double[RUNS];
            double[] sequential = new double[Math.max(2, RUNS - 1)];
            for (int i = 0; i < pipeline.length; i++) {
                pipeline[i] = eventsPerSecond(stream, "b1p" + i, Map.of(), EVENTS, aws.dynamoDb()).perSecond();
            }
            for (int i = 0; i < sequential.length; i++) {
                // The per-record baseline: one write at a time, the way a naive consumer works.
                sequential[i] = eventsPerSecond(stream, "b1s" + i, Map.of("tripflow.kcl.max-in-flight-per-shard", "1"), 1_500, aws.dynamoDb()).perSecond();
            }
            if (store.answered.get() < pipeline.length * (long) EVENTS) {
                throw new IllegalStateException("the stub answered only " + store.answered.get() + " trip-table calls");
            }
            Figures p = new Figures(list(pipeline));
            Figures s = new Figures(list(sequential));
            String label = "1. pipeline alone, 1 shard, store answering in 10 ms (stub DynamoDB endpoint)";
            if (warmUp.length > 0) {
                rows.add(new Row(label, "events/s in the JIT warm-up runs before them, in order (not in the figures)", joined(warmUp), "", warmUp.length));
            }
            rows.add(new Row(label, "events/s, 16 writes in flight per shard", p.format("%.0f"), "≥ 1,000", p.runs()));
            rows.add(new Row(label, "events/s, sequential per-record baseline", s.format("%.0f"), "", s.runs()));
            rows.add(new Row(label, "speed-up over the baseline", String.format(Locale.ROOT, "%.1f×", p.mean() / s.mean()), "≥ 10×", p.runs()));
        } finally {
            System.setProperty("aws.endpointUrlDynamoDb", realDynamoDb);
        }
        try (TcpProxy proxy = new TcpProxy(port(realDynamoDb), 10)) {
            System.setProperty("aws.endpointUrlDynamoDb", proxy.url());
            double through = eventsPerSecond(stream, "b1x", Map.of(), 3_000, aws.dynamoDb()).perSecond();
            rows.add(new Row("1b. pipeline, DynamoDB Local behind a 10 ms TCP latency proxy", "events/s", String.format(Locale.ROOT, "%.0f", through),
                    "", 1));
        } finally {
            System.setProperty("aws.endpointUrlDynamoDb", realDynamoDb);
        }
    }

    // ---------- 2: the pipeline vs the store's own ceiling ----------

    private void pipelineAgainstDynamoDbLocal(Map<String, String> stream) throws Exception {
        pipelineAgainstRawWrites("2. real DynamoDB Local (the embedded stack's, in this JVM), no injected latency, sharing both cores"
                + " with the pipeline", "b2", stream, aws.dynamoDb());
        // In production the store runs on AWS's CPUs, not the consumer's. Here DynamoDB Local gets
        // one core and the pipeline (with kinesis-local) or the raw writers the other, so that
        // neither side of the ratio is slowed by the other taking the store's CPU.
        String label = "2b. DynamoDB Local as a process on core 1; pipeline and kinesis-local, or the raw writers, on core 0";
        if (!CoreAffinity.available()) {
            rows.add(new Row(label, "not measured: needs two cores and taskset(1)", "", "", 0));
            return;
        }
        try (CoreAffinity onCore0 = CoreAffinity.pinProcessTree("0")) {
            pipelineAgainstStoreProcess(label, "b2b", stream, List.of("taskset", "-c", "1"));
        }
    }

    /** @param commandPrefix what the store's java command runs under, e.g. taskset */
    private void pipelineAgainstStoreProcess(String label, String run, Map<String, String> stream, List<String> commandPrefix) throws Exception {
        String shared = stack.endpoint(LocalAwsStack.Service.DYNAMODB);
        try (LocalAwsStack.ChildServer store = stack.startDynamoDbProcess(commandPrefix);
                DynamoDbClient client = DynamoDbClient.builder().endpointOverride(URI.create(store.url()))
                        .httpClientBuilder(ApacheHttpClient.builder()).build()) {
            System.setProperty("aws.endpointUrlDynamoDb", store.url());
            pipelineAgainstRawWrites(label, run, stream, client);
        } finally {
            System.setProperty("aws.endpointUrlDynamoDb", shared);
        }
    }

    /** @param dynamoDb the store the application is pointed at, for its tables and the raw writes */
    private void pipelineAgainstRawWrites(String label, String run, Map<String, String> stream, DynamoDbClient dynamoDb) throws Exception {
        int runs = PAIRS;
        Rate[] pipeline = new Rate[runs];
        Rate[] raw = new Rate[runs];
        // Unmeasured rounds warm both sides' code and the store's, at least WARMUPS of them and
        // then on while either side still got faster by more than a tenth (at most
        // MAX_WARMUP_ROUNDS): from a cold JVM the pipeline, with far more code on its path than the
        // raw writers, kept gaining for four rounds (368 → 480 → 676 → 819 events/s).
        List<Double> warmPipeline = new ArrayList<>();
        List<Double> warmRaw = new ArrayList<>();
        while (WARMUPS > 0 && (warmPipeline.size() < WARMUPS
                || warmPipeline.size() < MAX_WARMUP_ROUNDS && (stillRising(warmPipeline) || stillRising(warmRaw)))) {
            warmPipeline.add(eventsPerSecond(stream, run + "w" + warmPipeline.size(), Map.of(), EVENTS, dynamoDb).perSecond());
            warmRaw.add(rawStoreWrites(16, EVENTS, dynamoDb).perSecond());
            log("%s warm-up round %d: pipeline %.0f/s, raw %.0f/s", run, warmRaw.size() - 1, warmPipeline.getLast(), warmRaw.getLast());
        }
        if (!warmPipeline.isEmpty()) {
            rows.add(new Row(label, "warm-up rounds, in order (not in the figures): pipeline events/s; raw writes/s",
                    joined(warmPipeline) + "; " + joined(warmRaw), "", warmPipeline.size()));
        }
        for (int i = 0; i < runs; i++) {
            // Each side goes first in every other round: neither always meets a store that the
            // other has just warmed, filled or left collecting garbage.
            if (i % 2 == 0) {
                pipeline[i] = eventsPerSecond(stream, run + "p" + i, Map.of(), EVENTS, dynamoDb);
                raw[i] = rawStoreWrites(16, EVENTS, dynamoDb);
            } else {
                raw[i] = rawStoreWrites(16, EVENTS, dynamoDb);
                pipeline[i] = eventsPerSecond(stream, run + "p" + i, Map.of(), EVENTS, dynamoDb);
            }
            log("%s round %d: pipeline %.0f/s, raw %.0f/s (CPU µs per event by core: %s; %s; writes in flight %.1f; %.1f)", run, i,
                    pipeline[i].perSecond(), raw[i].perSecond(), joined(pipeline[i].cpuMicrosPerEvent()), joined(raw[i].cpuMicrosPerEvent()),
                    pipeline[i].writesInFlight(), raw[i].writesInFlight());
        }
        Figures p = figures(pipeline, Rate::perSecond);
        Figures r = figures(raw, Rate::perSecond);
        rows.add(new Row(label, "pipeline events/s", p.format("%.0f"), "", runs));
        rows.add(new Row(label, "raw: the same conditional UpdateItems from 16 threads, no pipeline, per s", r.format("%.0f"), "", runs));
        rows.add(new Row(label, "pipeline ÷ raw, each run's pair; ± the mean's standard error",
                Figures.ratios(perSecond(pipeline), perSecond(raw)).formatWithError("%.2f"), "≥ 0.9", runs));
        // The same concurrency at the store means the same number of writes in flight there; then
        // the rates differ only by how long each write takes.
        rows.add(new Row(label, "trip-table UpdateItems in flight (time average, of 16): pipeline; raw",
                figures(pipeline, Rate::writesInFlight).format("%.1f") + "; " + figures(raw, Rate::writesInFlight).format("%.1f"), "", runs));
        rows.add(new Row(label, "UpdateItem round trip as the client sees it, ms: pipeline; raw",
                figures(pipeline, Rate::writeMillis).format("%.1f") + "; " + figures(raw, Rate::writeMillis).format("%.1f"), "", runs));
        if (pipeline[0].cpuMicrosPerEvent().length > 0) {
            rows.add(new Row(label, "CPU µs per event (pipeline) or write (raw), each core, whatever ran there, mean of the runs",
                    "pipeline " + coreSum(meanCpu(pipeline)) + "; raw " + coreSum(meanCpu(raw)), "", runs));
        }
    }

    private static double[] perSecond(Rate[] rates) {
        return Arrays.stream(rates).mapToDouble(Rate::perSecond).toArray();
    }

    private static Figures figures(Rate[] rates, ToDoubleFunction<Rate> figure) {
        return new Figures(Arrays.stream(rates).mapToDouble(figure).boxed().toList());
    }

    private static double[] meanCpu(Rate[] rates) {
        int cores = rates[0].cpuMicrosPerEvent().length;
        double[] mean = new double[cores];
        for (Rate rate : rates) {
            for (int core = 0; core < cores; core++) {
                mean[core] += rate.cpuMicrosPerEvent()[core] / rates.length;
            }
        }
        return mean;
    }

    /** "core 0 + core 1 = machine", e.g. "610 + 820 = 1430". */
    private static String coreSum(double[] perCore) {
        return joined(list(perCore), " + ") + String.format(Locale.ROOT, " = %.0f", Arrays.stream(perCore).sum());
    }

    /**
     * What DynamoDB Local itself sustains for tripflow's writes: the very UpdateItems the pipeline
     * sends for the same start events (TripStore.upsert, halves parsed beforehand), on distinct
     * trips from 16 threads, without Kinesis, Camel, validation or parsing.
     */
    private Rate rawStoreWrites(int threads, int count, DynamoDbClient dynamoDb) throws Exception {
        String table = freshTripTable(dynamoDb);
        TripStore store = new TripStore(dynamoDb, table, 16);
        TripEventReader reader = TripEventReader.of(TripJson.strictReader(), java.time.Clock.systemUTC());
        List<TripStart> halves = startEvents(count, "raw").stream()
                .map(event -> reader.start(event.json().getBytes(StandardCharsets.UTF_8))).toList();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicReference<TripWrites.Snapshot> steadyWrites = new AtomicReference<>();
        AtomicReference<CoreTimes> steadyCpu = new AtomicReference<>();
        // Counted from the first tenth of the writes on, as the pipeline's side is.
        int unmeasured = count / 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < count; ) {
                    if (store.upsert(halves.get(i)).result() != UpsertOutcome.Result.STORED) {
                        throw new IllegalStateException("raw write of " + halves.get(i).tripId() + " was not stored");
                    }
                    if (done.incrementAndGet() == unmeasured) {
                        steadyCpu.set(CoreTimes.now());
                        steadyWrites.set(TripWrites.Snapshot.now());
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        return Rate.since(count - unmeasured, steadyCpu.get(), steadyWrites.get());
    }

    // ---------- 3: KPI over a large date ----------

    private void kpiOverManyTrips() throws Exception {
        Map<String, String> settings = TestStack.freshResources("bench-kpi", true);
        String table = settings.get("tripflow.trips.table");
        LocalDate day = LocalDate.of(2024, 6, 1);
        LocalDate doubled = LocalDate.of(2024, 6, 2);
        log("loading %d + %d completed trips with BatchWriteItem", KPI_TRIPS, 2 * KPI_TRIPS);
        load(table, day, KPI_TRIPS);
        load(table, doubled, 2 * KPI_TRIPS);

        DailyKpiCalculator calculator = new DailyKpiCalculator(new DateBuckets(aws.dynamoDb(), table, 16, 8), java.time.Clock.systemUTC());
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
        Figures k = new Figures(list(kpi));
        Figures r = new Figures(list(raw));
        String label = "3. KPI for one date, " + KPI_TRIPS + " completed trips";
        rows.add(new Row(label, "KPI time, s", k.format("%.2f"), "", RUNS));
        rows.add(new Row(label, "raw parallel Query of the same index entries, s", r.format("%.2f"), "", RUNS));
        rows.add(new Row(label, "KPI ÷ raw query, each run's pair", Figures.ratios(kpi, raw).format("%.2f"), "≤ 1.2", RUNS));

        long[] heapSmall = kpiProcessHeapMb(settings, day);
        long[] heapDoubled = kpiProcessHeapMb(settings, doubled);
        String label3 = "3. KPI heap (tripflow kpi process, -Xmx256m, serial GC log)";
        rows.add(new Row(label3, "largest live heap after a GC, " + KPI_TRIPS + " → " + 2 * KPI_TRIPS + " trips, MB",
                heapSmall[1] + " → " + heapDoubled[1], "flat", 1));
        rows.add(new Row(label3, "largest heap before a GC (fills to the cap), MB", heapSmall[0] + " → " + heapDoubled[0], "", 1));
    }

    private void load(String table, LocalDate date, int trips) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> batches = new ArrayList<>();
        for (int from = 0; from < trips; from += 25) {
            int start = from;
            batches.add(pool.submit(() -> {
                List<WriteRequest> writes = new ArrayList<>();
                for (int i = start; i < Math.min(trips, start + 25); i++) {
                    String id = date + "-" + i;
                    Map<String, AttributeValue> item = new HashMap<>();
                    item.put(TripTable.TRIP_ID, AttributeValue.fromS(id));
                    item.put(TripTable.DATE_BUCKET, AttributeValue.fromS(TripTable.dateBucketKey(date, TripTable.bucketOf(id, 16))));
                    item.put(TripTable.FARE_AMOUNT, AttributeValue.fromN(BigDecimal.valueOf(1000 + i % 9000, 2).toPlainString()));
                    item.put(TripTable.TIP_AMOUNT, AttributeValue.fromN("1.25"));
                    item.put(TripTable.TRIP_DISTANCE, AttributeValue.fromN("3.4"));
                    item.put(TripTable.PICKUP_DATETIME, AttributeValue.fromS(date + "T10:00:00Z"));
                    item.put(TripTable.DROPOFF_DATETIME, AttributeValue.fromS(date + "T10:25:00Z"));
                    writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
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
            buckets.add(pool.submit(() -> aws.dynamoDb().queryPaginator(QueryRequest.builder().tableName(table)
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

    private static final Pattern GC_HEAP = Pattern.compile("(\\d+)M->(\\d+)M");

    /** {largest heap before a collection, largest heap left after one}, in MB. */
    private long[] kpiProcessHeapMb(Map<String, String> settings, LocalDate date) throws Exception {
        Path log = home.resolve("target/bench-kpi-" + date + ".log");
        ProcessBuilder kpi = launcher(settings, "kpi", "--date", date.toString());
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

    // ---------- 4: start-up, memory and CPU of a running process ----------

    private void processFootprint(Map<String, String> stream) throws Exception {
        Map<String, String> settings = new HashMap<>(stream);
        settings.put("tripflow.kcl.application-name", "bench4-" + System.nanoTime());
        AwsResources.createLeaseTable(aws.dynamoDb(), settings.get("tripflow.kcl.application-name") + "-" + settings.get("tripflow.streams.trip-start"));
        settings.put("tripflow.trips.table", freshTripTable(aws.dynamoDb()));
        settings.put("tripflow.management.port", "0");
        Path log = home.resolve("target/bench-process.log");
        String label = "4. tripflow run as a process (real local stack, " + EVENTS + " events on 1 shard)";
        long launched = System.nanoTime();
        Process process = runProcess(settings, log);
        try {
            LongSupplier stored = () -> countLines(log, "outcome - ");
            waitUntil(() -> stored.getAsLong() > 0, 180);
            double startup = (System.nanoTime() - launched) / 1e9;
            List<Double> rss = new ArrayList<>();
            // Steady state: from a third of the events on, past start-up and the first JIT wave.
            long steadyFromEvents = -1;
            ProcessCpu steadyFromCpu = null;
            while (stored.getAsLong() < EVENTS * 0.9) {
                if (steadyFromEvents < 0 && stored.getAsLong() >= EVENTS / 3) {
                    steadyFromCpu = ProcessCpu.of(process.pid());
                    steadyFromEvents = stored.getAsLong();
                }
                rss.add(procStatus(process.pid(), "VmRSS") / 1024.0);
                Thread.sleep(250);
                if (!process.isAlive()) {
                    throw new IllegalStateException("tripflow run exited, see " + log);
                }
            }
            long events = stored.getAsLong();
            ProcessCpu sinceLaunch = ProcessCpu.of(process.pid());
            ProcessCpu steady = sinceLaunch.since(steadyFromCpu);
            long steadyEvents = events - steadyFromEvents;
            rss.sort(Double::compare);
            rows.add(new Row(label, "start-up to first record stored, first start (KCL creates its tables and leases), s",
                    String.format(Locale.ROOT, "%.1f", startup), "", 1));
            rows.add(new Row(label, "resident memory at steady ingest (median of " + rss.size() + " samples), MB",
                    String.format(Locale.ROOT, "%.0f (%.0f–%.0f)", rss.get(rss.size() / 2), rss.get(0), rss.get(rss.size() - 1)), "", 1));
            rows.add(new Row(label, "CPU per event (whole process since launch), µs",
                    String.format(Locale.ROOT, "%.0f", sinceLaunch.total() * 1e6 / events), "", 1));
            rows.add(new Row(label, "CPU per event at steady ingest (events " + steadyFromEvents + " → " + events
                    + "), µs: all threads = JIT compiler + garbage collector + the rest",
                    String.format(Locale.ROOT, "%.0f = %.0f + %.0f + %.0f", steady.total() * 1e6 / steadyEvents, steady.jit() * 1e6 / steadyEvents,
                            steady.gc() * 1e6 / steadyEvents, steady.rest() * 1e6 / steadyEvents), "", 1));
        } finally {
            process.destroy();
            process.waitFor(40, TimeUnit.SECONDS);
        }
        // A restart (a new task after a deploy or a crash): KCL's tables, leases and checkpoints
        // exist; it resumes once the old lease is released or expires. Fresh records make sure
        // something is left to store.
        new StreamPublisher(aws.kinesis()).publish(startEvents(200, "restart"), e -> settings.get("tripflow.streams.trip-start"));
        Path restartLog = home.resolve("target/bench-process-restart.log");
        long relaunched = System.nanoTime();
        Process restarted = runProcess(settings, restartLog);
        try {
            waitUntil(() -> countLines(restartLog, "outcome - ") > 0, 180);
            rows.add(new Row(label, "start-up to first record stored, restart (failover time " + settings.get("tripflow.kcl.failover-time-ms")
                    + " ms), s", String.format(Locale.ROOT, "%.1f", (System.nanoTime() - relaunched) / 1e9), "", 1));
        } finally {
            restarted.destroy();
            restarted.waitFor(40, TimeUnit.SECONDS);
        }
    }

    /** `tripflow run` as its own process, logging each record's outcome to the log file. */
    private Process runProcess(Map<String, String> settings, Path log) throws IOException {
        ProcessBuilder run = launcher(settings, "run");
        run.environment().put("JAVA_OPTS", "-Dlog4j2.configurationFile=" + home.resolve("target/test-classes/log4j2-outcomes.xml"));
        return run.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    // ---------- 5: end-to-end latency ----------

    private void endToEndLatency() throws Exception {
        Map<String, String> settings = new HashMap<>(TestStack.freshResources("bench-latency", true));
        // Production polling (one GetRecords per shard per second); only lease timings are shortened.
        settings.put("tripflow.kcl.idle-time-between-reads-ms", "1000");
        settings.put("tripflow.management.port", "0");
        Map<String, Long> completedAt = new ConcurrentHashMap<>();
        TripflowApplication app = new TripflowApplication(settings, TripflowApplication.Mode.PIPELINE);
        CamelContext camel = app.start();
        camel.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.ExchangeCompletedEvent done
                        && done.getExchange().getMessage().getBody() instanceof UpsertOutcome outcome && outcome.completed()) {
                    completedAt.putIfAbsent(done.getExchange().getMessage().getHeader(KinesisRecordHeaders.PARTITION_KEY, String.class), System.nanoTime());
                }
            }
        });
        try {
            // Warm-up: wait until the consumer holds its leases and stores records.
            publishPair(settings, "warm", LocalDateTime.of(2024, 6, 3, 9, 0));
            waitUntil(() -> completedAt.containsKey("warm"), 180);

            int trips = 3_000;
            Map<String, Long> putAt = new HashMap<>();
            long started = System.nanoTime();
            for (int i = 0; i < trips; i++) {
                // 200 events/s: one trip (start + end) every 10 ms.
                long due = started + i * 10_000_000L;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                String id = "lat" + i;
                publishPair(settings, id, LocalDateTime.of(2024, 6, 3, 10, 0).plusSeconds(i));
                putAt.put(id, System.nanoTime());
            }
            waitUntil(() -> putAt.keySet().stream().allMatch(completedAt::containsKey), 180);
            List<Double> latencies = new ArrayList<>();
            putAt.forEach((id, put) -> latencies.add((completedAt.get(id) - put) / 1e6));
            latencies.sort(Double::compare);
            String label = "5. end to end, PutRecord of a trip's second half → trip completed in DynamoDB, 200 events/s, 2 shards";
            rows.add(new Row(label, "p50 / p99 latency, ms (n = " + latencies.size() + " trips)",
                    String.format(Locale.ROOT, "%.0f / %.0f", latencies.get(latencies.size() / 2), latencies.get((int) (latencies.size() * 0.99))),
                    "", 1));
        } finally {
            app.stop();
        }
    }

    private void publishPair(Map<String, String> settings, String id, LocalDateTime pickup) {
        String start = "{\"trip_id\":\"" + id + "\",\"pickup_datetime\":\"" + CSV_TIME.format(pickup) + "\",\"estimated_dropoff_datetime\":\""
                + CSV_TIME.format(pickup.plusMinutes(20)) + "\",\"estimated_fare_amount\":20.5}";
        String end = "{\"trip_id\":\"" + id + "\",\"dropoff_datetime\":\"" + CSV_TIME.format(pickup.plusMinutes(21))
                + "\",\"fare_amount\":21.25,\"tip_amount\":1.0,\"trip_distance\":3.1}";
        aws.kinesis().putRecord(b -> b.streamName(settings.get("tripflow.streams.trip-start")).partitionKey(id).data(SdkBytes.fromUtf8String(start)));
        aws.kinesis().putRecord(b -> b.streamName(settings.get("tripflow.streams.trip-end")).partitionKey(id).data(SdkBytes.fromUtf8String(end)));
    }

    // ---------- helpers ----------

    /**
     * Starts tripflow on the stream with a fresh KCL application (so it reads from the start) and a
     * fresh trip table, and measures stored records per second from a tenth of the target count to it.
     *
     * @param dynamoDb a client on the DynamoDB Local that holds the application's tables, whatever
     *        endpoint (stub, proxy) the application itself is pointed at
     */
    private Rate eventsPerSecond(Map<String, String> stream, String run, Map<String, String> extra, int target, DynamoDbClient dynamoDb)
            throws Exception {
        Map<String, String> settings = new HashMap<>(stream);
        settings.put("tripflow.kcl.application-name", "bench-" + run + "-" + System.nanoTime());
        settings.put("tripflow.kcl.max-records", "10000");
        settings.put("tripflow.management.port", "0");
        settings.put("tripflow.trips.table", freshTripTable(dynamoDb));
        settings.putAll(extra);
        AwsResources.createLeaseTable(dynamoDb, settings.get("tripflow.kcl.application-name") + "-" + settings.get("tripflow.streams.trip-start"));
        TripflowApplication app = new TripflowApplication(settings, TripflowApplication.Mode.PIPELINE);
        CamelContext camel = app.start();
        try {
            ManagedRouteMBean route = camel.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class).getManagedRoute(STORE_ROUTE);
            // Counted from the first tenth of the records on, past the consumer's start-up.
            waitUntil(() -> route.getExchangesCompleted() >= target / 10, 180);
            long fromCount = route.getExchangesCompleted();
            CoreTimes fromCpu = CoreTimes.now();
            TripWrites.Snapshot fromWrites = TripWrites.Snapshot.now();
            waitUntil(() -> route.getExchangesCompleted() >= target, 600);
            Rate rate = Rate.since(route.getExchangesCompleted() - fromCount, fromCpu, fromWrites);
            log("%s: %.0f events/s, CPU µs per event by core %s", run, rate.perSecond(), joined(rate.cpuMicrosPerEvent()));
            return rate;
        } finally {
            app.stop();
        }
    }

    private static String freshTripTable(DynamoDbClient dynamoDb) {
        String table = TripWrites.TABLE_PREFIX + System.nanoTime();
        AwsResources.createTripTable(dynamoDb, table);
        return table;
    }

    private ProcessBuilder launcher(Map<String, String> settings, String... command) {
        List<String> argv = new ArrayList<>(List.of(home.resolve("bin/tripflow").toString()));
        argv.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().putAll(stack.environment());
        settings.forEach((key, value) -> builder.environment().put(TripflowSettings.envVarOf(key), value));
        return builder;
    }

    private static List<TripEventRecord> startEvents(int count, String prefix) {
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

    private static long countLines(Path file, String marker) {
        try (var lines = Files.lines(file)) {
            return lines.filter(l -> l.contains(marker)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A field of /proc/PID/status in kB. */
    private static long procStatus(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return 0;
    }

    private static int port(String url) {
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    }

    private static String joined(double[] values) {
        return joined(list(values));
    }

    /** Figures in the order they were measured, e.g. "368 → 480 → 676". */
    private static String joined(List<Double> values) {
        return joined(values, " → ");
    }

    private static String joined(List<Double> values, String separator) {
        List<String> each = new ArrayList<>();
        for (double v : values) {
            each.add(String.format(Locale.ROOT, "%.0f", v));
        }
        return String.join(separator, each);
    }

    /** Whether the last of a series of warm-up rates beat the one before by more than a tenth. */
    private static boolean stillRising(List<Double> rates) {
        int n = rates.size();
        return n < 2 || rates.get(n - 1) > 1.1 * rates.get(n - 2);
    }

    private static List<Double> list(double[] values) {
        List<Double> list = new ArrayList<>();
        for (double v : values) {
            list.add(v);
        }
        return list;
    }

    @FunctionalInterface
    private interface Condition {
        boolean met() throws Exception;
    }

    private static void waitUntil(Condition condition, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.met()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("condition not met within " + seconds + " s");
            }
            Thread.sleep(50);
        }
    }

    private static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[bench " + Instant.now() + "] " + format + "%n", args);
    }

    private void print() throws IOException {
        StringBuilder table = new StringBuilder();
        table.append("| benchmark | figure | value: mean (min–max) | target | runs |\n|---|---|---|---|---|\n");
        for (Row row : rows) {
            table.append("| ").append(row.benchmark()).append(" | ").append(row.figure()).append(" | ").append(row.value())
                    .append(" | ").append(row.target()).append(" | ").append(row.runs()).append(" |\n");
        }
        System.out.println();
        System.out.println(table);
        Files.writeString(home.resolve("target/benchmarks.md"), table);
    }
}
