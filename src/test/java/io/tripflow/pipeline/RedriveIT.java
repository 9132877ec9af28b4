package io.tripflow.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import io.tripflow.cli.RedriveCommand;
import io.tripflow.trip.TripHalf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A deployment with a wrong schema dead-letters valid trip ends; once the schema is fixed,
 * {@code tripflow redrive} stores them and deletes their messages, and keeps the truly invalid ones.
 */
class RedriveIT {

    private static final LocalDate JULY_1 = LocalDate.of(2024, 7, 1);

    @Test
    void afterAFixRedriveStoresTheNowValidRecordsAndKeepsTheInvalidOnes(@TempDir Path brokenSchemas) throws Exception {
        // The test-induced bug: a trip-end schema that caps fares at 100.
        for (String schema : new String[] {"trip-start.schema.json", "trip-end.schema.json"}) {
            Files.copy(Path.of("schemas", schema), brokenSchemas.resolve(schema));
        }
        Path endSchema = brokenSchemas.resolve("trip-end.schema.json");
        Files.writeString(endSchema, Files.readString(endSchema).replace("\"maximum\": 10000 }", "\"maximum\": 100 }"));

        Map<String, String> settings;
        try (RunningTripflow broken = new RunningTripflow("redrive", Map.of("tripflow.schemas-dir", brokenSchemas.toString()))) {
            settings = new HashMap<>(broken.settings);
            for (int i = 1; i <= 4; i++) {
                broken.putRaw(broken.stream(TripHalf.Side.START), "t" + i, start("t" + i));
            }
            for (int i = 1; i <= 3; i++) {
                broken.putRaw(broken.stream(TripHalf.Side.END), "t" + i, end("t" + i, "150.75"));
            }
            broken.putRaw(broken.stream(TripHalf.Side.END), "t4", end("t4", "50"));
            broken.putRaw(broken.stream(TripHalf.Side.END), "bad1", "{\"trip_id\":\"bad1\",");
            broken.putRaw(broken.stream(TripHalf.Side.END), "bad2", end("bad2", "-5"));
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> broken.deadLetterCount() == 5 && broken.completedTrips(JULY_1) == 1);
        }
        // A dry run checks each record against the schemas and rules in force when it runs.
        String beforeTheFix = RedriveCommand.redrive(settings, Integer.MAX_VALUE, true);
        assertTrue(beforeTheFix.contains("5 messages read, 0 would go through, 5 would still fail"), beforeTheFix);
        assertTrue(beforeTheFix.contains("maximum value of 100"), beforeTheFix);

        settings.remove("tripflow.schemas-dir"); // the fix: the real schemas

        String dryRun = RedriveCommand.redrive(settings, Integer.MAX_VALUE, true);
        assertTrue(dryRun.contains("5 messages read, 3 would go through, 2 would still fail"), dryRun);
        assertTrue(dryRun.contains("MALFORMED_JSON") && dryRun.contains("minimum value of 0"), dryRun);
        assertFalse(dryRun.contains("maximum value of 100"), "the fixed schema no longer rejects the fares: " + dryRun);

        try (RunningTripflow fixed = new RunningTripflow(settings)) {
            assertEquals(5, fixed.deadLetterCount(), "a dry run deletes nothing");
            assertEquals(1, fixed.completedTrips(JULY_1), "a dry run stores nothing");

            String report = RedriveCommand.redrive(settings, Integer.MAX_VALUE, false);
            assertTrue(report.contains("5 messages read, 3 went through and were deleted {STORED=3}, 2 still fail"), report);
            assertTrue(report.contains("MALFORMED_JSON") && report.contains("minimum value of 0"), report);
            assertEquals(2, fixed.deadLetterCount(), "the still-invalid messages stay");
            assertEquals(4, fixed.completedTrips(JULY_1), "the redriven ends completed their trips");
            assertEquals(0, new java.math.BigDecimal("150.75").compareTo(
                    new java.math.BigDecimal(fixed.items().get("t2").get("fare_amount").n())));

            String again = RedriveCommand.redrive(settings, Integer.MAX_VALUE, false);
            assertTrue(again.contains("2 messages read, 0 went through"), again);
            assertEquals(2, fixed.deadLetterCount());
        }
    }

    private static String start(String id) {
        return "{\"trip_id\":\"" + id + "\",\"pickup_datetime\":\"2024-07-01 10:00:00\",\"estimated_dropoff_datetime\":\"2024-07-01 10:35:00\",\"estimated_fare_amount\":20}";
    }

    private static String end(String id, String fare) {
        return "{\"trip_id\":\"" + id + "\",\"dropoff_datetime\":\"2024-07-01 10:30:00\",\"fare_amount\":" + fare + "}";
    }
}
