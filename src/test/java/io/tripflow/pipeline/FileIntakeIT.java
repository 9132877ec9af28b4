package io.tripflow.pipeline;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import io.tripflow.trip.TripHalf;
import io.tripflow.trip.TripJson;
import io.tripflow.trip.TripTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Files dropped into the bucket, through the whole running pipeline (the two tests' dates do not overlap). */
class FileIntakeIT {

    private static RunningTripflow tripflow;
    private static String bucket;

    @BeforeAll
    static void start() throws Exception {
        tripflow = new RunningTripflow("file-intake", Map.of());
        bucket = tripflow.settings.get("tripflow.files.bucket");
    }

    @AfterAll
    static void stop() {
        tripflow.close();
    }

    @Test
    void droppingTheRealDataSetsFilesGivesTheKpisOfTheReplayPath() throws Exception {
        int trips = NspDataSet.tripsUnderTest();
        Map<LocalDate, NspDataSet.DayFigures> reference = NspDataSet.reference(trips);
        long completed = reference.values().stream().mapToLong(NspDataSet.DayFigures::count).sum();
        List<String> files = NspDataSet.firstTripsAsFiles(trips);
        drop("incoming/nsp/trip_start.csv", files.get(0));
        drop("incoming/nsp/trip_end.csv", files.get(1));
        tripflow.awaitCompletedTrips(completed, Duration.ofMinutes(6), reference.keySet().toArray(LocalDate[]::new));

        NspDataSet.assertKpisEqual(reference, tripflow);
        for (String half : List.of("start", "end")) {
            JsonNode report = report("reports/nsp/trip_" + half + ".csv.json");
            assertEquals("trip-" + half, report.get("kind").asText());
            assertEquals(trips, report.get("events_sent").asInt(), half);
            assertEquals(0, report.get("rows_rejected").asInt(), half);
        }
    }

    /** NYC-taxi style rows with known figures; the first row twice (the same ride, so the same trip). */
    private static final String TAXI_TRIPS = """
            vendor_id,pickup_datetime,dropoff_datetime,passenger_count,trip_distance,rate_code,payment_type,fare_amount,tip_amount,total_amount,pickup_location_id,dropoff_location_id,store_and_fwd_flag
            1,2024-06-03 08:00:00,2024-06-03 08:12:00,1,2.10,1,1,12.50,2.00,17.30,161,236,N
            2,2024-06-03 09:30:00,2024-06-03 10:05:00,2,8.40,1,2,31.00,0,35.75,132,48,N
            2,2024-06-03 23:50:00,2024-06-04 00:20:00,1,5.00,1,1,22.00,4.40,29.90,48,50,N
            1,2024-06-03 11:00:00,2024-06-03 11:09:00,1,0,1,3,7.00,0,8.30,1,1,N
            1,2024-06-03 08:00:00,2024-06-03 08:12:00,1,2.10,1,1,12.50,2.00,17.30,161,236,N
            """;
    private static final LocalDate JUNE_3 = LocalDate.parse("2024-06-03");
    private static final LocalDate JUNE_4 = LocalDate.parse("2024-06-04");

    @Test
    void wholeTripRowsAreCompletedTripsOnTheirDropOffDateAndTheSameFileAgainChangesNothing() throws Exception {
        drop("incoming/taxi/june.csv", TAXI_TRIPS);
        tripflow.awaitCompletedTrips(4, Duration.ofMinutes(2), JUNE_3, JUNE_4);

        JsonNode report = report("reports/taxi/june.csv.json");
        assertEquals("whole-trip", report.get("kind").asText());
        assertEquals(5, report.get("rows_read").asInt());
        assertEquals(10, report.get("events_sent").asInt(), "a start and an end per row");
        assertEquals(List.of("store_and_fwd_flag"), TripJson.strictReader().convertValue(report.get("ignored_columns"), List.class));
        var expected = new TreeMap<LocalDate, NspDataSet.DayFigures>(Map.of(
                JUNE_3, new NspDataSet.DayFigures(3, new BigDecimal("50.50"), new BigDecimal("7.00"), new BigDecimal("31.00")),
                JUNE_4, new NspDataSet.DayFigures(1, new BigDecimal("22.00"), new BigDecimal("22.00"), new BigDecimal("22.00"))));
        NspDataSet.assertKpisEqual(expected, tripflow);
        Map<String, Map<String, AttributeValue>> taxiTrips = taxiTrips();
        assertEquals(4, taxiTrips.size());
        for (var trip : taxiTrips.values()) {
            assertFalse(trip.containsKey("estimated_fare_amount"), "no estimate is made up");
            assertTrue(trip.containsKey(TripTable.TOTAL_AMOUNT), "the total is kept");
        }

        String start = tripflow.stream(TripHalf.Side.START);
        double duplicatesBefore = tripflow.eventCount(start, "DUPLICATE");
        drop("incoming/taxi/june-again.csv", TAXI_TRIPS);
        await().atMost(Duration.ofMinutes(2)).until(() -> tripflow.eventCount(start, "DUPLICATE") >= duplicatesBefore + 5);
        assertEquals(10, report("reports/taxi/june-again.csv.json").get("events_sent").asInt(), "another key is another file");
        assertEquals(taxiTrips, taxiTrips(), "every row was a duplicate");
        NspDataSet.assertKpisEqual(expected, tripflow);
    }

    private static void drop(String key, String content) {
        tripflow.aws.s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(content));
    }

    private static JsonNode report(String key) throws Exception {
        var s3 = tripflow.aws.s3();
        await().atMost(Duration.ofMinutes(1)).until(() -> !s3.listObjectsV2(b -> b.bucket(bucket).prefix(key)).contents().isEmpty());
        return TripJson.strictReader().readTree(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
    }

    private static Map<String, Map<String, AttributeValue>> taxiTrips() {
        Map<String, Map<String, AttributeValue>> trips = new TreeMap<>(tripflow.items());
        trips.keySet().removeIf(id -> !id.startsWith("wt-"));
        return trips;
    }
}
