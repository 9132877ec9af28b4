package io.tripflow.pipeline;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tripflow.localstack.TestStack;
import io.tripflow.trip.TripHalf;
import io.tripflow.trip.kpi.KpiRunRecords;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Quartz-scheduled KPI run, firing every two seconds: it recomputes the lookback window so a
 * late trip end shows up, rewrites a date's files only when its figures changed, writes the stale
 * half-trips beside the KPIs, and retries a failed date on the next trigger, however old.
 */
class ScheduledKpiIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void lateEventsUnchangedFiguresOpenTripsAndAFailedRunRetried() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate yesterday = today.minusDays(1);
        LocalDate dayBefore = today.minusDays(2);
        LocalDate older = today.minusDays(5);
        try (RunningTripflow tripflow = new RunningTripflow("scheduled-kpi", Map.of(
                "tripflow.kpi.cron", "0/2 * * * * ?",
                "tripflow.kpi.lookback-days", "2",
                "tripflow.kpi.open-trips.stale-after-minutes", "60"))) {
            for (String id : new String[] {"c1", "c2", "c3"}) {
                publishStart(tripflow, id, yesterday);
                publishEnd(tripflow, id, yesterday, "10.10");
            }
            publishStart(tripflow, "started-only", yesterday);
            publishEnd(tripflow, "ended-only", yesterday, "99");
            publishStart(tripflow, "older", older);
            publishEnd(tripflow, "older", older, "5");

            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() ->
                    count(read(tripflow, kpiKey(yesterday))) == 3 && openCount(tripflow, yesterday, "started_not_ended") == 1);
            JsonNode open = read(tripflow, openTripsKey(yesterday));
            assertEquals("started-only", open.get("started_not_ended").get("trip_ids").get(0).asText());
            assertEquals(1, open.get("ended_without_start").get("count").asInt());
            assertEquals("ended-only", open.get("ended_without_start").get("trip_ids").get(0).asText());
            assertEquals(0, count(read(tripflow, kpiKey(dayBefore))), "the whole lookback window is written");
            assertThrows(NoSuchKeyException.class, () -> read(tripflow, kpiKey(older)), "dates before the window are left alone");

            // Nothing changes: later runs leave the files as they are.
            String generatedAt = read(tripflow, kpiKey(yesterday)).get("generated_at").asText();
            int runs = runs(tripflow, yesterday);
            await().atMost(Duration.ofSeconds(30)).until(() -> runs(tripflow, yesterday) >= runs + 2);
            assertEquals(generatedAt, read(tripflow, kpiKey(yesterday)).get("generated_at").asText());
            assertFalse(lastRun(tripflow, yesterday).get("output_written").bool());

            // A late end: the next run reflects it.
            publishEnd(tripflow, "started-only", yesterday, "20.00");
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() ->
                    count(read(tripflow, kpiKey(yesterday))) == 4 && openCount(tripflow, yesterday, "started_not_ended") == 0);
            assertEquals(0, read(tripflow, kpiKey(yesterday)).get("total_fare").decimalValue().compareTo(new BigDecimal("50.30")));

            // An older date's run fails (the bucket is gone); the schedule retries it once S3 is back.
            String bucket = tripflow.settings.get("tripflow.kpi.bucket");
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> deleteBucket(tripflow, bucket));
            assertThrows(Exception.class, () -> tripflow.kpi(older));
            assertEquals("FAILED", lastRun(tripflow, older).get("run_status").s());
            assertTrue(lastRun(tripflow, older).get("error").s().contains("NoSuchBucket"));
            assertTrue(failedRuns(tripflow) >= 1, "failed runs show in tripflow_kpi_runs_total{status=failed}");
            tripflow.aws.s3().createBucket(b -> b.bucket(bucket));
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() ->
                    count(read(tripflow, kpiKey(older))) == 1);
            assertEquals("SUCCEEDED", lastRun(tripflow, older).get("run_status").s());
        }
    }

    private static void publishStart(RunningTripflow tripflow, String id, LocalDate date) {
        tripflow.putRaw(tripflow.stream(TripHalf.Side.START), id, "{\"trip_id\":\"" + id + "\",\"pickup_datetime\":\"" + date
                + " 00:10:00\",\"estimated_dropoff_datetime\":\"" + date + " 00:30:00\",\"estimated_fare_amount\":20}");
    }

    private static void publishEnd(RunningTripflow tripflow, String id, LocalDate date, String fare) {
        tripflow.putRaw(tripflow.stream(TripHalf.Side.END), id, "{\"trip_id\":\"" + id + "\",\"dropoff_datetime\":\"" + date
                + " 00:40:00\",\"fare_amount\":" + fare + "}");
    }

    private static String kpiKey(LocalDate date) {
        return TestStack.kpiSchedule(Map.of()).objectKey(date);
    }

    private static String openTripsKey(LocalDate date) {
        return TestStack.kpiSchedule(Map.of()).openTripsKey(date);
    }

    private static JsonNode read(RunningTripflow tripflow, String key) throws Exception {
        return JSON.readTree(tripflow.aws.s3().getObjectAsBytes(b -> b.bucket(tripflow.settings.get("tripflow.kpi.bucket")).key(key)).asUtf8String());
    }

    private static int count(JsonNode kpi) {
        return kpi.get("count_trips").asInt();
    }

    private static int openCount(RunningTripflow tripflow, LocalDate date, String group) throws Exception {
        return read(tripflow, openTripsKey(date)).get(group).get("count").asInt();
    }

    private static Map<String, AttributeValue> lastRun(RunningTripflow tripflow, LocalDate date) {
        return KpiRunRecords.lastRun(tripflow.settings.get("tripflow.kpi.runs-table"), date);
    }

    private static int runs(RunningTripflow tripflow, LocalDate date) {
        var run = lastRun(tripflow, date);
        return run == null || run.get("runs") == null ? 0 : Integer.parseInt(run.get("runs").n());
    }

    private static double failedRuns(RunningTripflow tripflow) {
        Counter failed = tripflow.camel.getRegistry().findSingleByType(MeterRegistry.class)
                .find("tripflow.kpi.runs").tag("status", "failed").counter();
        return failed == null ? 0 : failed.count();
    }

    /** Empties and deletes the bucket; false if the scheduled run wrote into it in between. */
    private static boolean deleteBucket(RunningTripflow tripflow, String bucket) {
        var s3 = tripflow.aws.s3();
        s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().forEach(o -> s3.deleteObject(b -> b.bucket(bucket).key(o.key())));
        try {
            s3.deleteBucket(b -> b.bucket(bucket));
            return true;
        } catch (S3Exception notEmpty) {
            return false;
        }
    }
}
