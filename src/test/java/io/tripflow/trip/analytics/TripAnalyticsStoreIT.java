package io.tripflow.trip.analytics;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.tripflow.dynamodb.NumberBounds;
import io.tripflow.localstack.TestStack;
import io.tripflow.trip.TripEnd;
import io.tripflow.trip.TripEventParser;
import io.tripflow.trip.TripHalf;
import io.tripflow.trip.TripJson;
import io.tripflow.trip.TripStore;
import io.tripflow.trip.TripTable;
import io.tripflow.trip.UpsertOutcome;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The analytics' writers racing each other on real DynamoDB (Local): many versions of a trip's end,
 * each stored and followed by its analytics refresh as the flow does, from eight threads in random
 * order. Whatever the interleaving, the rows end as the newest end makes them: none stale, none left over.
 */
class TripAnalyticsStoreIT {

    private static final TripEventParser PARSER = new TripEventParser(Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC),
            Duration.ofDays(1), NumberBounds.DEFAULT);
    private static final AnalyticsRules RULES = AnalyticsRules.ofMinutes(10, 30, new BigDecimal("50"));
    private static final int VERSIONS = 24;

    @Test
    void racingVersionsOfAnEndLeaveTheRowsOfTheNewest() throws Exception {
        DynamoDbClient dynamoDb = TestStack.clients().dynamoDb();
        String suffix = Long.toString(System.nanoTime(), 36);
        String trips = "analytics-race-" + suffix;
        dynamoDb.createTable(TripTable.request(trips));
        AnalyticsTables tables = new AnalyticsTables("hv-" + suffix, "dur-" + suffix, "fpd-" + suffix);
        tables.all().forEach(table -> dynamoDb.createTable(AnalyticsTables.request(table)));
        TripStore store = new TripStore(dynamoDb, trips, 16);
        TripAnalyticsStore analytics = new TripAnalyticsStore(dynamoDb, trips, tables, RULES);

        List<TripHalf> halves = new ArrayList<>();
        halves.add(PARSER.parseStart(TripJson.strictReader().readTree("""
                {"trip_id":"race","pickup_datetime":"2024-05-25 10:00:00","estimated_dropoff_datetime":"2024-05-25 10:30:00",
                 "estimated_fare_amount":30}""")));
        for (int v = 0; v < VERSIONS; v++) {
            // alternately above and below the high-value threshold, short and long, with and without a distance
            halves.add(end(v, v % 2 == 0 ? "70" : "20", v % 3 == 0 ? "10:05:00" : "10:45:00", v % 4 == 0 ? "0" : "4"));
        }
        Collections.shuffle(halves, new Random(7));
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (TripHalf half : halves) {
                done.add(writers.submit(() -> {
                    UpsertOutcome stored = store.upsert(half);
                    if (stored.analyticsDue()) {
                        analytics.refresh(stored.tripId());
                    }
                    return null;
                }));
            }
            for (Future<?> write : done) {
                write.get();
            }
        } finally {
            writers.shutdownNow();
        }

        // the newest end: version VERSIONS - 1, fare 20 (odd), dropped off 10:45 (not a multiple of 3), distance 4
        var newest = TripAnalytics.of(new CompletedTrip(Instant.parse("2024-05-25T10:00:00Z"), Instant.parse("2024-05-25T10:45:00Z"),
                new BigDecimal("20"), null, new BigDecimal("4"), null, null, null), RULES);
        var item = dynamoDb.getItem(g -> g.tableName(trips).consistentRead(true).key(Map.of("trip_id", AttributeValue.fromS("race")))).item();
        assertEquals(item.get("completed_from"), item.get("analytics_from"), "the analytics are those of the halves stored last");
        assertEquals(null, row(dynamoDb, tables.highValue()), "20 is not high value: no row left from a 70 version");
        assertEquals("long", row(dynamoDb, tables.duration()).get("duration_class").s());
        assertEquals(0, newest.farePerDistance().compareTo(new BigDecimal(row(dynamoDb, tables.farePerDistance()).get("fare_per_distance").n())));
        assertEquals(item.get("completed_from"), row(dynamoDb, tables.duration()).get("completed_from"));
    }

    private static TripEnd end(int version, String fare, String dropoff, String distance) throws Exception {
        return PARSER.parseEnd(TripJson.strictReader().readTree("""
                {"trip_id":"race","dropoff_datetime":"2024-05-25 %s","fare_amount":%s,"trip_distance":%s,
                 "event_time":"2024-05-25T12:%02d:00Z"}""".formatted(dropoff, fare, distance, version)));
    }

    private static Map<String, AttributeValue> row(DynamoDbClient dynamoDb, String table) {
        var row = dynamoDb.getItem(g -> g.tableName(table).consistentRead(true).key(Map.of("trip_id", AttributeValue.fromS("race")))).item();
        return row == null || row.isEmpty() ? null : row;
    }
}
