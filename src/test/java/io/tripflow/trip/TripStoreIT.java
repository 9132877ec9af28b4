package io.tripflow.trip;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tripflow.dynamodb.NumberBounds;
import io.tripflow.localstack.TestStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The conditional merge against a real DynamoDB (Local): order, duplicates, stale and newer re-sends. */
class TripStoreIT {

    private static final ObjectMapper JSON = TripJson.strictReader();
    private static final TripEventParser PARSER = new TripEventParser(Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC), Duration.ofDays(1), NumberBounds.DEFAULT);
    private static DynamoDbClient dynamoDb;
    private static String table;
    private static TripStore store;

    @BeforeAll
    static void createTable() {
        dynamoDb = TestStack.clients().dynamoDb();
        table = "trip-store-it-" + System.nanoTime();
        dynamoDb.createTable(TripTable.request(table));
        store = new TripStore(dynamoDb, table, 16);
    }

    private static TripStart start(String id) throws Exception {
        return PARSER.parseStart(JSON.readTree("""
                {"trip_id":"%s","pickup_location_id":93,"dropoff_location_id":93,"vendor_id":1,"pickup_datetime":"2024-05-25 23:19:00",
                 "estimated_dropoff_datetime":"2024-05-25 23:53:00","estimated_fare_amount":34.18595283806629}""".formatted(id)));
    }

    private static TripEnd end(String id, String extra) throws Exception {
        return end(id, "40.09620692463166", extra);
    }

    private static TripEnd end(String id, String fare, String extra) throws Exception {
        return PARSER.parseEnd(JSON.readTree("""
                {"trip_id":"%s","dropoff_datetime":"2024-05-25 23:55:00","rate_code":5.0,"passenger_count":0.0,"trip_distance":0.1,
                 "fare_amount":%s,"tip_amount":1.5,"payment_type":3.0,"trip_type":2.0%s}""".formatted(id, fare, extra)));
    }

    private static Map<String, AttributeValue> item(String id) {
        return dynamoDb.getItem(b -> b.tableName(table).consistentRead(true).key(Map.of("trip_id", AttributeValue.fromS(id)))).item();
    }

    /** An item as it would be for another trip id: the id and the id-derived bucket left out. */
    private static Map<String, AttributeValue> withoutIdentity(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> rest = new HashMap<>(item);
        rest.remove(TripTable.TRIP_ID);
        rest.computeIfPresent(TripTable.DATE_BUCKET, (k, v) -> AttributeValue.fromS(v.s().substring(0, 10)));
        return rest;
    }

    @Test
    void amongHalvesOfEqualEventTimesTheLaterUploadWinsAndTheSameHalfFromALaterUploadIsADuplicate() throws Exception {
        store.upsert(start("upload-1"));
        String first = ",\"uploaded_at\":\"2024-05-26T08:00:00Z\"";
        assertEquals(UpsertOutcome.Result.STORED, store.upsert(end("upload-1", first)).result());
        // corrected copies of the file, each uploaded later: same event time, another fare. Decided by
        // their digests, about half would be dropped as stale; the later upload decides.
        int hour = 9;
        for (String fare : List.of("40.5", "39.5", "41.25", "12", "7.75", "99")) {
            String later = ",\"uploaded_at\":\"2024-05-26T%02d:00:00Z\"".formatted(hour++);
            assertEquals(UpsertOutcome.Result.STORED, store.upsert(end("upload-1", fare, later)).result(), fare);
            assertEquals(fare, item("upload-1").get(TripTable.FARE_AMOUNT).n());
            assertEquals(UpsertOutcome.Result.STALE, store.upsert(end("upload-1", first)).result(), "the first upload, redelivered late");
        }
        String stored = item("upload-1").get(TripTable.END_VERSION).s();
        assertEquals(UpsertOutcome.Result.DUPLICATE, store.upsert(end("upload-1", "99", ",\"uploaded_at\":\"2024-05-27T00:00:00Z\"")).result(),
                "the same half dropped again in a later file");
        assertEquals(stored, item("upload-1").get(TripTable.END_VERSION).s());
    }

    @Test
    void theHalfThatArrivesSecondCompletesTheTripOnItsDropoffDate() throws Exception {
        assertEquals(new UpsertOutcome("0487037833", UpsertOutcome.Result.STORED, false, false), store.upsert(start("0487037833")));
        // both halves, and no analytics derived from them yet: the analytics flow is due
        assertEquals(new UpsertOutcome("0487037833", UpsertOutcome.Result.STORED, true, true), store.upsert(end("0487037833", "")));
        Map<String, AttributeValue> item = item("0487037833");
        assertEquals("COMPLETED", item.get(TripTable.STATUS).s());
        assertEquals("2024-05-25", item.get(TripTable.TRIP_DATE).s());
        assertEquals(TripTable.dateBucketKey(java.time.LocalDate.of(2024, 5, 25), TripTable.bucketOf("0487037833", 16)),
                item.get(TripTable.DATE_BUCKET).s());
        assertEquals("40.09620692463166", item.get(TripTable.FARE_AMOUNT).n());
    }

    @Test
    void theSameHalfAgainChangesNothing() throws Exception {
        store.upsert(start("dup-1"));
        store.upsert(end("dup-1", ""));
        Map<String, AttributeValue> before = item("dup-1");
        assertEquals(new UpsertOutcome("dup-1", UpsertOutcome.Result.DUPLICATE, false, true), store.upsert(end("dup-1", "")));
        assertEquals(new UpsertOutcome("dup-1", UpsertOutcome.Result.DUPLICATE, false, true), store.upsert(start("dup-1")));
        assertEquals(before, item("dup-1"));
    }

    @Test
    void anOlderResendIsIgnoredAndANewerOneReplacesTheHalfAndRederivesTheDate() throws Exception {
        store.upsert(start("resend-1"));
        store.upsert(end("resend-1", ",\"event_time\":\"2024-05-26T00:10:00Z\""));
        Map<String, AttributeValue> current = item("resend-1");
        assertEquals(UpsertOutcome.Result.STALE, store.upsert(end("resend-1", "")).result());
        assertEquals(current, item("resend-1"));

        TripEnd corrected = PARSER.parseEnd(JSON.readTree("""
                {"trip_id":"resend-1","dropoff_datetime":"2024-05-26 00:20:00","fare_amount":45.5,
                 "event_time":"2024-05-26T00:30:00Z"}"""));
        assertEquals(new UpsertOutcome(corrected.tripId(), UpsertOutcome.Result.STORED, true, true), store.upsert(corrected));
        Map<String, AttributeValue> after = item("resend-1");
        assertEquals("2024-05-26", after.get(TripTable.TRIP_DATE).s());
        assertEquals("45.5", after.get(TripTable.FARE_AMOUNT).n());
        assertFalse(after.containsKey(TripTable.TIP_AMOUNT), "fields the newer half lacks are removed");
        assertFalse(after.containsKey("rate_code"));
    }

    @Test
    void eitherOrderGivesTheSameItem() throws Exception {
        store.upsert(start("order-a"));
        store.upsert(end("order-a", ""));
        store.upsert(end("order-b", ""));
        store.upsert(start("order-b"));
        assertEquals(withoutIdentity(item("order-a")), withoutIdentity(item("order-b")));
    }

    @Test
    void aCrashBetweenStoringAHalfAndCompletingTheTripIsHealedByTheRedelivery() throws Exception {
        store.upsert(start("crash-1"));
        // What a writer leaves behind when it dies after the half's write and before completion.
        TripEnd end = end("crash-1", "");
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        TripItem.attributesOf(end).forEach((name, value) -> {
            if (value != null) {
                names.put("#n" + names.size(), name);
                values.put(":v" + values.size(), value);
                sets.add("#n" + (names.size() - 1) + " = :v" + (values.size() - 1));
            }
        });
        dynamoDb.updateItem(b -> b.tableName(table).key(Map.of("trip_id", AttributeValue.fromS("crash-1")))
                .updateExpression("SET " + String.join(", ", sets)).expressionAttributeNames(names).expressionAttributeValues(values));
        assertFalse(item("crash-1").containsKey(TripTable.STATUS));

        assertEquals(new UpsertOutcome("crash-1", UpsertOutcome.Result.DUPLICATE, true, true), store.upsert(end));
        store.upsert(start("clean-1"));
        store.upsert(end("clean-1", ""));
        assertEquals(withoutIdentity(item("clean-1")), withoutIdentity(item("crash-1")));
    }

    @Test
    void concurrentWritersOfTheSameTripEndInTheSameItem() throws Exception {
        store.upsert(start("solo-1"));
        store.upsert(end("solo-1", ""));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<UpsertOutcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                TripHalf half = i % 2 == 0 ? start("race-1") : end("race-1", "");
                outcomes.add(pool.submit(() -> store.upsert(half)));
            }
            long completions = 0;
            for (Future<UpsertOutcome> outcome : outcomes) {
                completions += outcome.get().completed() ? 1 : 0;
            }
            assertEquals(1, completions, "exactly one writer marks the trip completed");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(withoutIdentity(item("solo-1")), withoutIdentity(item("race-1")));
        assertNotEquals(item("solo-1").get(TripTable.DATE_BUCKET), null);
        assertTrue(item("race-1").containsKey(TripTable.COMPLETED_FROM));
    }

    @Test
    void aTripIsListedAsOpenOnTheDateOfItsFirstHalfUntilItCompletes() throws Exception {
        int bucket = TripTable.bucketOf("open-1", 16);
        store.upsert(end("open-1", ""));
        assertEquals(TripTable.dateBucketKey(java.time.LocalDate.of(2024, 5, 25), bucket), item("open-1").get(TripTable.OPEN_DATE_BUCKET).s());
        store.upsert(start("open-1"));
        assertFalse(item("open-1").containsKey(TripTable.OPEN_DATE_BUCKET), "completed: no longer open");

        TripEnd corrected = PARSER.parseEnd(JSON.readTree("""
                {"trip_id":"open-1","dropoff_datetime":"2024-05-26 00:20:00","fare_amount":45.5,"event_time":"2024-05-26T00:30:00Z"}"""));
        store.upsert(corrected);
        assertFalse(item("open-1").containsKey(TripTable.OPEN_DATE_BUCKET), "a corrected half of a completed trip does not reopen it");
        assertEquals("COMPLETED", item("open-1").get(TripTable.STATUS).s());
    }
}
