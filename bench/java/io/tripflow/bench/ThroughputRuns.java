package io.tripflow.bench;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.tripflow.TripflowApplication;
import io.tripflow.config.AwsResources;
import io.tripflow.trip.TripEventReader;
import io.tripflow.trip.TripJson;
import io.tripflow.trip.TripStart;
import io.tripflow.trip.TripStore;
import io.tripflow.trip.UpsertOutcome;
import org.apache.camel.CamelContext;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static io.tripflow.bench.Bench.log;

/** The two sides benchmarks 1 and 2 measure: the pipeline reading the stream, and raw writes to the store. */
final class ThroughputRuns {

    /** Every stored record passes this route, whichever stream it came from. */
    private static final String STORE_ROUTE = "store-trip-half";

    private ThroughputRuns() {
    }

    /**
     * Starts tripflow on the stream with a fresh KCL application (so it reads from the start) and a
     * fresh trip table, and measures stored records per second from a tenth of the target count to it.
     *
     * @param dynamoDb a client on the DynamoDB Local that holds the application's tables, whatever
     *        endpoint (stub, proxy) the application itself is pointed at
     */
    static Rate pipeline(Map<String, String> stream, String run, Map<String, String> extra, int target, DynamoDbClient dynamoDb)
            throws Exception {
        Map<String, String> settings = new HashMap<>(stream);
        settings.put("tripflow.kcl.application-name", "bench-" + run + "-" + System.nanoTime());
        settings.put("tripflow.kcl.max-records", "10000");
        settings.put("tripflow.management.port", "0");
        // only the stream is measured: no file intake polling beside it
        settings.put("tripflow.files.enabled", "false");
        settings.put("tripflow.trips.table", Bench.freshTripTable(dynamoDb));
        settings.putAll(extra);
        AwsResources.createLeaseTable(dynamoDb, settings.get("tripflow.kcl.application-name") + "-" + settings.get("tripflow.streams.trip-start"));
        TripflowApplication app = new TripflowApplication(settings, TripflowApplication.Mode.PIPELINE);
        CamelContext camel = app.start();
        try {
            ManagedRouteMBean route = camel.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class).getManagedRoute(STORE_ROUTE);
            // Counted from the first tenth of the records on, past the consumer's start-up.
            Bench.waitUntil(() -> route.getExchangesCompleted() >= target / 10, 180);
            long fromCount = route.getExchangesCompleted();
            CoreTimes fromCpu = CoreTimes.now();
            TripWrites.Snapshot fromWrites = TripWrites.Snapshot.now();
            Bench.waitUntil(() -> route.getExchangesCompleted() >= target, 600);
            Rate rate = Rate.since(route.getExchangesCompleted() - fromCount, fromCpu, fromWrites);
            log("%s: %.0f events/s, CPU µs per event by core %s", run, rate.perSecond(), Figures.joined(rate.cpuMicrosPerEvent()));
            return rate;
        } finally {
            app.stop();
        }
    }

    /**
     * What DynamoDB Local itself sustains for tripflow's writes: the very UpdateItems the pipeline
     * sends for the same start events (TripStore.upsert, halves parsed beforehand), on distinct
     * trips from 16 threads, without Kinesis, Camel, validation or parsing.
     */
    static Rate rawStoreWrites(int threads, int count, DynamoDbClient dynamoDb) throws Exception {
        TripStore store = new TripStore(dynamoDb, Bench.freshTripTable(dynamoDb), 16);
        TripEventReader reader = TripEventReader.of(TripJson.strictReader(), Clock.systemUTC());
        List<TripStart> halves = Bench.startEvents(count, "raw").stream()
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
}
