package io.tripflow.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.tripflow.dynamodb.NumberBounds;
import io.tripflow.localstack.TestStack;
import io.tripflow.replay.Replay;
import io.tripflow.trip.TripEventReader;
import io.tripflow.trip.TripHalf;
import io.tripflow.trip.TripJson;
import io.tripflow.trip.TripStore;
import io.tripflow.trip.TripTable;
import io.tripflow.trip.UpsertOutcome;
import io.tripflow.trip.analytics.AnalyticsTables;
import io.tripflow.trip.analytics.TripAnalyticsStore;
import io.tripflow.trip.files.StreamPublisher;
import io.tripflow.trip.files.TripEventRecord;
import io.tripflow.trip.kpi.DailyKpi;
import io.tripflow.trip.kpi.DailyKpiCalculator;
import io.tripflow.trip.kpi.DateBuckets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 at random moments while over 10,000 real events flow through two 2-shard streams, with a
 * restart after each kill. The end state must be exactly that of one clean pass: the same items,
 * the same KPIs, and nothing valid in the dead-letter queue.
 */
class CrashIT {

    private static final int KILLS = 3;
    /** Two streams of two shards each. */
    private static final int SHARDS = 4;
    private static final int DATE_BUCKETS = Integer.parseInt(TestStack.applicationProperties().getProperty("tripflow.trips.date-buckets"));
    private static final LocalDate MAY_25 = LocalDate.of(2024, 5, 25);
    private static final LocalDate MAY_26 = LocalDate.of(2024, 5, 26);

    @Test
    void afterRepeatedKillsTheStateEqualsACleanPass() throws Exception {
        List<TripEventRecord> events = events();
        long trips = events.stream().filter(e -> e.side() == TripHalf.Side.START).count();
        assertTrue(events.size() >= 10_000, events.size() + " events");

        Map<String, String> settings = new HashMap<>(TestStack.freshResources("crash"));
        settings.put("tripflow.management.port", "0");
        settings.put("tripflow.kcl.max-records", "100");
        String cleanTable = settings.get("tripflow.trips.table") + "-clean";
        dynamoDb().createTable(TripTable.request(cleanTable));
        AnalyticsTables analyticsTables = TestStack.settings(settings).analyticsTables();
        AnalyticsTables cleanAnalyticsTables = new AnalyticsTables(analyticsTables.highValue() + "-clean",
                analyticsTables.duration() + "-clean", analyticsTables.farePerDistance() + "-clean");
        cleanAnalyticsTables.all().forEach(table -> dynamoDb().createTable(AnalyticsTables.request(table)));

        // Published while the process runs and is killed; the clean pass is computed meanwhile.
        ExecutorService background = Executors.newFixedThreadPool(2);
        Future<?> publishing = background.submit(() -> {
            new StreamPublisher(TestStack.clients().kinesis()).publish(events, e -> settings.get(
                    e.side() == TripHalf.Side.START ? "tripflow.streams.trip-start" : "tripflow.streams.trip-end"));
            return null;
        });
        Future<?> cleanPass = background.submit(() -> {
            cleanPass(events, cleanTable, cleanAnalyticsTables);
            return null;
        });

        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<String> kills = new ArrayList<>();
        List<TripflowProcess> runs = new ArrayList<>();
        TripflowProcess tripflow = TripflowProcess.start("crash-0", settings);
        runs.add(tripflow);
        for (int run = 1; run <= KILLS; run++) {
            // Somewhere in the middle of a run, after several checkpoints: once it stored between
            // 500 and 2,000 records (batches are at most 100 records per shard; three such runs leave
            // the last one over 4,000 records to go).
            int killAfter = 500 + random.nextInt(1_500);
            TripflowProcess current = tripflow;
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100)).until(() -> {
                assertTrue(current.isAlive(), "tripflow exited on its own, see " + current.log);
                return current.outcomes().size() >= killAfter;
            });
            current.kill();
            kills.add("run " + run + " killed after " + current.outcomes().size() + " records");
            tripflow = TripflowProcess.start("crash-" + run, settings);
            runs.add(tripflow);
        }
        publishing.get();
        cleanPass.get();
        background.shutdown();
        TripflowProcess last = tripflow;
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            assertTrue(last.isAlive(), "tripflow exited on its own, see " + last.log);
            return CompletedTrips.count(settings.get("tripflow.trips.table")) >= trips;
        });
        last.terminate(Duration.ofSeconds(40));
        System.out.println("CrashIT (seed " + seed + "): " + events.size() + " events, " + String.join("; ", kills));

        assertEquals(items(cleanTable), items(settings.get("tripflow.trips.table")), "the items equal a clean pass");
        for (int table = 0; table < analyticsTables.all().size(); table++) {
            assertEquals(items(cleanAnalyticsTables.all().get(table)), items(analyticsTables.all().get(table)),
                    analyticsTables.all().get(table) + " equals a clean pass");
        }
        long counted = 0;
        for (LocalDate date : List.of(MAY_25, MAY_26)) {
            Map<String, Object> expected = figures(cleanTable, date);
            assertEquals(expected, figures(settings.get("tripflow.trips.table"), date), date + " KPIs");
            counted += (Long) expected.get("count_trips");
        }
        assertEquals(trips, counted, "every trip counted on its date");
        assertEquals(0, new DeadLetterProbe(settings).count(), "no valid event was dead-lettered");
        assertOnlyUnfinishedBatchesWereReadAgain(runs, events.size(), Integer.parseInt(settings.get("tripflow.kcl.max-records")));
    }

    /**
     * What a killed run had stored but not yet checkpointed is read again by a later run: at most
     * one batch per shard, and storing it again changes nothing (DUPLICATE). Nothing is skipped.
     */
    private static void assertOnlyUnfinishedBatchesWereReadAgain(List<TripflowProcess> runs, int records, int maxRecords) throws Exception {
        List<Map<String, String>> results = new ArrayList<>();
        Set<String> all = new HashSet<>();
        for (TripflowProcess run : runs) {
            Map<String, String> byRecord = new HashMap<>();
            run.outcomes().forEach(o -> byRecord.put(o.record(), o.result()));
            results.add(byRecord);
            all.addAll(byRecord.keySet());
        }
        assertEquals(records, all.size(), "every record read");
        for (int killed = 0; killed < runs.size() - 1; killed++) {
            Set<String> readAgain = new HashSet<>();
            for (int later = killed + 1; later < runs.size(); later++) {
                for (String record : results.get(killed).keySet()) {
                    String again = results.get(later).get(record);
                    if (again != null) {
                        readAgain.add(record);
                        assertEquals("DUPLICATE", again, record + " was stored before run " + killed + " was killed");
                    }
                }
            }
            assertTrue(readAgain.size() <= SHARDS * maxRecords, "run " + killed + ": " + readAgain.size() + " records read again");
        }
    }

    /** The whole real data set, plus a few of its trips again under other trip ids: over 10,000 events. */
    private static List<TripEventRecord> events() throws Exception {
        List<TripEventRecord> events = new ArrayList<>(Replay.readEvents(NspDataSet.START_CSV, NspDataSet.END_CSV));
        events.addAll(copy(NspDataSet.firstTrips(10), "copy-"));
        events.sort(TripEventRecord.BY_EVENT_TIME);
        return events;
    }

    private static List<TripEventRecord> copy(List<TripEventRecord> events, String idPrefix) {
        return events.stream().map(e -> new TripEventRecord(e.side(), idPrefix + e.tripId(), e.eventTime(),
                e.json().replace("\"trip_id\":\"" + e.tripId() + "\"", "\"trip_id\":\"" + idPrefix + e.tripId() + "\""))).toList();
    }

    /** Every event stored once, straight into tables of its own, with its analytics: what one uninterrupted pass gives. */
    private static void cleanPass(List<TripEventRecord> events, String table, AnalyticsTables analyticsTables) throws Exception {
        TripEventReader reader = TripEventReader.of(TripJson.strictReader(), Clock.systemUTC(), NumberBounds.DEFAULT);
        TripStore store = new TripStore(dynamoDb(), table, DATE_BUCKETS);
        TripAnalyticsStore analytics = new TripAnalyticsStore(dynamoDb(), table, analyticsTables, TestStack.settings(Map.of()).analyticsRules());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (TripEventRecord event : events) {
                byte[] record = event.json().getBytes(StandardCharsets.UTF_8);
                writes.add(pool.submit(() -> {
                    UpsertOutcome stored = store.upsert(event.side() == TripHalf.Side.START ? reader.start(record) : reader.end(record));
                    if (stored.analyticsDue()) {
                        analytics.refresh(stored.tripId());
                    }
                    return null;
                }));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static DynamoDbClient dynamoDb() {
        return TestStack.clients().dynamoDb();
    }

    /** A table's items by trip_id. */
    private static Map<String, Map<String, AttributeValue>> items(String table) {
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        dynamoDb().scanPaginator(b -> b.tableName(table).consistentRead(true)).items()
                .forEach(item -> items.put(item.get(TripTable.TRIP_ID).s(), item));
        return items;
    }

    private static Map<String, Object> figures(String table, LocalDate date) throws InterruptedException {
        DailyKpi kpi = new DailyKpiCalculator(new DateBuckets(dynamoDb(), table, DATE_BUCKETS, 8),
                TestStack.settings(Map.of()).analyticsRules(), Clock.systemUTC()).compute(date);
        Map<String, Object> json = new HashMap<>(kpi.toJson());
        json.remove("generated_at");
        return json;
    }
}
