package io.tripflow.routes;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.tripflow.trip.TripEnd;
import io.tripflow.trip.TripStart;
import io.tripflow.trip.TripStore;
import io.tripflow.trip.analytics.TripAnalyticsStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * trip-analytics.yaml behind the stream flows (the mixed stream's, its kcl: consumer replaced by
 * direct:), on the default thresholds: short below 10 minutes, long from 30, high value above 50.
 */
class TripAnalyticsRouteIT extends RouteTestSupport {

    @Override
    List<String> routeFiles() {
        return STREAM_FLOWS;
    }

    @Override
    Map<String, String> extraSettings() {
        // the mixed stream's flow only: no kcl: consumer of the per-half streams starting and stopping
        return Map.of("tripflow.streams.trip-events.enabled", "true", "tripflow.streams.per-half.enabled", "false");
    }

    @BeforeEach
    void adviseAndStart() throws Exception {
        replaceConsumer("trip-events");
        context.start();
    }

    /** The fixture: each trip's start, then its end. */
    private static final List<String> FIXTURE = List.of(
            // exactly 10 minutes: medium; 20 / 4 = 5; 20 + 5 = 25, not high
            start("a", "10:00:00"), end("a", "10:10:00", "20", "5", "4", null, null),
            // exactly 30 minutes: long; distance 0: no ratio; 45 + 5 = 50, at the threshold: not high
            start("b", "10:00:00"), end("b", "10:30:00", "45", "5", "0", null, null),
            // a second under 10 minutes: short; the source's total 50.01 counts, not 30 + 0
            start("c", "10:00:00"), end("c", "10:09:59", "30", "0", "3", "50.01", null),
            // dropped off before the pick-up: never classified; no distance: no ratio; 60 without a tip: high
            start("d", "10:00:00"), end("d", "09:50:00", "60", null, null, null, null),
            // 7 / 3, exact until written: 2.3333
            start("e", "10:00:00"), end("e", "10:15:00", "7", "1", "3", null, null));

    @Test
    void theFixtureGivesExactlyTheExpectedRowsAndAgainChangesNothing() {
        FIXTURE.forEach(this::send);
        // numbers compared by value: DynamoDB drops a number's trailing zeros (10.00 reads back as 10), moto keeps them
        assertEquals(Map.of("a", "10/medium", "b", "30/long", "c", "9.98/short", "e", "15/medium"),
                rows("tripflow.analytics.duration-table", "duration_minutes", "duration_class"));
        assertEquals(Map.of("c", "50.01/total_amount", "d", "60/fare_plus_tip"),
                rows("tripflow.analytics.high-value-table", "total_amount", "total_amount_source"));
        assertEquals(Map.of("a", "5", "c", "10", "e", "2.3333"),
                rows("tripflow.analytics.fare-per-distance-table", "fare_per_distance"));

        var d = trip("d");
        assertFalse(d.containsKey("duration_class"), "a drop-off before the pick-up is never classified");
        assertTrue(d.get("high_value").bool());
        assertEquals("2024-05-25", rowOf("tripflow.analytics.high-value-table", "d").get("trip_date").s());
        assertEquals(trip("c").get("completed_from"), rowOf("tripflow.analytics.duration-table", "c").get("completed_from"));
        assertEquals(trip("c").get("completed_from"), trip("c").get("analytics_from"));

        var before = allRows();
        FIXTURE.forEach(this::send);
        FIXTURE.forEach(this::send);
        assertEquals(before, allRows(), "replaying everything twice changes no row");
    }

    @Test
    void aLateCorrectedEndMovesATripOutOfHighValueAndIntoItsNewClass() {
        send(start("late", "10:00:00"));
        send(end("late", "10:05:00", "70", "5", "2", null, null));
        assertEquals("75", value(rowOf("tripflow.analytics.high-value-table", "late").get("total_amount")));
        assertEquals("short", trip("late").get("duration_class").s());

        // the corrected end: a later event, a lower fare, a longer ride
        send(end("late", "10:40:00", "40", "5", "2", null, "2024-05-25T12:00:00Z"));
        assertNull(rowOf("tripflow.analytics.high-value-table", "late"), "45 is not above 50 any more");
        assertEquals("long", rowOf("tripflow.analytics.duration-table", "late").get("duration_class").s());
        assertEquals("20", value(rowOf("tripflow.analytics.fare-per-distance-table", "late").get("fare_per_distance")));
        assertFalse(trip("late").get("high_value").bool());

        // the first end again, redelivered late: stale, and it changes nothing
        send(end("late", "10:05:00", "70", "5", "2", null, null));
        assertNull(rowOf("tripflow.analytics.high-value-table", "late"));
        assertEquals("long", trip("late").get("duration_class").s());
    }

    @Test
    void aCrashBetweenTheCompletingWriteAndTheAnalyticsHealsOnRedelivery() {
        String end = end("crash", "10:45:00", "80", "2", "4", null, null);
        send(start("crash", "10:00:00"));
        // the completing write, as the store route makes it, and then the process dies
        TripEnd half = template.requestBody("direct:read-trip-end", bytes(end), TripEnd.class);
        assertTrue(context.getRegistry().lookupByNameAndType("tripStore", TripStore.class).upsert(half).completed());
        assertEquals("COMPLETED", trip("crash").get("trip_status").s());
        assertNull(rowOf("tripflow.analytics.high-value-table", "crash"));
        assertFalse(trip("crash").containsKey("analytics_from"));

        send(end);
        assertEquals("82", value(rowOf("tripflow.analytics.high-value-table", "crash").get("total_amount")));
        assertEquals("long", rowOf("tripflow.analytics.duration-table", "crash").get("duration_class").s());
        assertEquals("20", value(rowOf("tripflow.analytics.fare-per-distance-table", "crash").get("fare_per_distance")));
        assertEquals(trip("crash").get("completed_from"), trip("crash").get("analytics_from"));
    }

    @Test
    void tripsCompletedWithoutAnalyticsAreBackfilledOnceAndOnlyThey() {
        send(start("up-to-date", "10:00:00"));
        send(end("up-to-date", "10:20:00", "10", "1", "2", null, null));
        var store = context.getRegistry().lookupByNameAndType("tripStore", TripStore.class);
        for (String tripId : List.of("old-1", "old-2")) {
            // completed as before analytics existed: the store's writes only
            store.upsert(template.requestBody("direct:read-trip-start", bytes(start(tripId, "10:00:00")), TripStart.class));
            store.upsert(template.requestBody("direct:read-trip-end", bytes(end(tripId, "10:35:00", "90", "0", "3", null, null)), TripEnd.class));
        }
        var analytics = context.getRegistry().lookupByNameAndType("tripAnalyticsStore", TripAnalyticsStore.class);
        assertEquals(2, analytics.backfill(n -> { }));
        assertEquals(Map.of("old-1", "long", "old-2", "long", "up-to-date", "medium"),
                rows("tripflow.analytics.duration-table", "duration_class"));
        assertEquals(0, analytics.backfill(n -> { }), "nothing is behind any more");
    }

    private void send(String record) {
        template.sendBodyAndHeaders("direct:trip-events", bytes(record), kinesisHeaders(setting("tripflow.streams.trip-events"), "1"));
    }

    private static String start(String tripId, String pickupTime) {
        return TripEvents.start(tripId, "2024-05-25 " + pickupTime, "25");
    }

    /** An end with the figures given; null leaves a field out. */
    private static String end(String tripId, String dropoffTime, String fare, String tip, String distance, String total, String eventTime) {
        StringBuilder json = new StringBuilder("{\"event_type\":\"trip_end\",\"trip_id\":\"" + tripId
                + "\",\"dropoff_datetime\":\"2024-05-25 " + dropoffTime + "\",\"fare_amount\":" + fare);
        if (tip != null) {
            json.append(",\"tip_amount\":").append(tip);
        }
        if (distance != null) {
            json.append(",\"trip_distance\":").append(distance);
        }
        if (total != null) {
            json.append(",\"total_amount\":").append(total);
        }
        if (eventTime != null) {
            json.append(",\"event_time\":\"").append(eventTime).append('"');
        }
        return json.append('}').toString();
    }

    /** A table's rows as trip_id → the attributes' values joined with /. */
    private Map<String, String> rows(String tableSetting, String... attributes) {
        return scan(tableSetting).stream().collect(Collectors.toMap(row -> row.get("trip_id").s(),
                row -> Arrays.stream(attributes).map(a -> row.get(a).n() != null ? value(row.get(a)) : row.get(a).s())
                        .collect(Collectors.joining("/"))));
    }

    /** A number by its value: 20, whether stored as 20 or 20.0000. */
    private static String value(AttributeValue number) {
        return new BigDecimal(number.n()).stripTrailingZeros().toPlainString();
    }

    private Map<String, AttributeValue> rowOf(String tableSetting, String tripId) {
        Map<String, AttributeValue> row = aws.dynamoDb().getItem(g -> g.tableName(setting(tableSetting)).consistentRead(true)
                .key(Map.of("trip_id", AttributeValue.fromS(tripId)))).item();
        return row == null || row.isEmpty() ? null : row;
    }

    private List<Map<String, AttributeValue>> scan(String tableSetting) {
        return aws.dynamoDb().scan(s -> s.tableName(setting(tableSetting)).consistentRead(true)).items();
    }

    private Map<String, Object> allRows() {
        Map<String, Object> all = new TreeMap<>();
        for (String table : List.of("tripflow.analytics.duration-table", "tripflow.analytics.high-value-table",
                "tripflow.analytics.fare-per-distance-table", "tripflow.trips.table")) {
            all.put(table, scan(table).stream().collect(Collectors.toMap(row -> row.get("trip_id").s(), row -> row)));
        }
        return all;
    }
}
