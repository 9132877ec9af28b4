package io.tripflow.trip.kpi;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class OpenTripsTest {

    private static final LocalDate DAY = LocalDate.of(2024, 5, 25);
    private static final Instant NOW = Instant.parse("2024-05-26T00:05:00Z");
    private static final Duration STALE_AFTER = Duration.ofHours(6);
    private static final Instant STALE_BEFORE = NOW.minus(STALE_AFTER);
    private static final Instant OLD = Instant.parse("2024-05-25T10:00:00Z");
    private static final Instant RECENT = Instant.parse("2024-05-25T23:00:00Z");

    @Test
    void onlyHalvesOlderThanTheStaleAgeCountAndCompletingTripsDoNot() {
        OpenTrips.Accumulator open = new OpenTrips.Accumulator(10, STALE_BEFORE);
        open.add("start-old", OLD, null);
        open.add("start-recent", RECENT, null);
        open.add("end-old", null, OLD);
        open.add("end-recent", null, RECENT);
        open.add("both", OLD, OLD);
        OpenTrips result = open.result(DAY, STALE_AFTER, NOW);
        assertEquals(new OpenTrips.Group(1, List.of("start-old")), result.startedNotEnded());
        assertEquals(new OpenTrips.Group(1, List.of("end-old")), result.endedWithoutStart());
    }

    @Test
    void theCountIsExactWhileTheListedIdsAreCappedToTheFirstOnesWhicheverBucketTheyCameFrom() {
        OpenTrips.Accumulator bucketA = new OpenTrips.Accumulator(3, STALE_BEFORE);
        OpenTrips.Accumulator bucketB = new OpenTrips.Accumulator(3, STALE_BEFORE);
        for (String id : List.of("t5", "t1", "t9", "t7")) {
            bucketA.add(id, OLD, null);
        }
        for (String id : List.of("t2", "t8", "t0")) {
            bucketB.add(id, OLD, null);
        }
        OpenTrips.Group started = bucketA.merge(bucketB).result(DAY, STALE_AFTER, NOW).startedNotEnded();
        assertEquals(7, started.count());
        assertEquals(List.of("t0", "t1", "t2"), started.tripIds());
    }

    @Test
    void theDocumentSaysWhenTheListIsTruncated() {
        OpenTrips.Accumulator open = new OpenTrips.Accumulator(1, STALE_BEFORE);
        open.add("a", OLD, null);
        open.add("b", OLD, null);
        Map<String, Object> json = open.result(DAY, STALE_AFTER, NOW).toJson();
        assertEquals("2024-05-25", json.get("date"));
        assertEquals(360L, json.get("stale_after_minutes"));
        assertEquals(Map.of("count", 2L, "trip_ids", List.of("a"), "trip_ids_truncated", true), json.get("started_not_ended"));
        assertEquals(Map.of("count", 0L, "trip_ids", List.of(), "trip_ids_truncated", false), json.get("ended_without_start"));
    }

    @Test
    void theFingerprintIgnoresWhenTheFilesWereGeneratedButNotAnyFigure() {
        DailyKpi.Accumulator kpi = new DailyKpi.Accumulator(DailyKpiTest.RULES);
        kpi.add(DailyKpiTest.trip("12.50", null, null, 15, "1", "1"));
        OpenTrips.Accumulator open = new OpenTrips.Accumulator(10, STALE_BEFORE);
        String first = new DailyReport(kpi.result(DAY, NOW), open.result(DAY, STALE_AFTER, NOW)).fingerprint();
        String later = new DailyReport(kpi.result(DAY, NOW.plusSeconds(3600)), open.result(DAY, STALE_AFTER, NOW.plusSeconds(3600))).fingerprint();
        assertEquals(first, later);
        open.add("late", OLD, null);
        String withAnOpenTrip = new DailyReport(kpi.result(DAY, NOW), open.result(DAY, STALE_AFTER, NOW)).fingerprint();
        assertNotEquals(first, withAnOpenTrip);
        kpi.add(DailyKpiTest.trip("0.01", null, null, 15, "1", "1"));
        assertNotEquals(withAnOpenTrip, new DailyReport(kpi.result(DAY, NOW), open.result(DAY, STALE_AFTER, NOW)).fingerprint());
    }
}
