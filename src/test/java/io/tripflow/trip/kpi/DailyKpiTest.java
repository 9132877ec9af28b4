package io.tripflow.trip.kpi;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import io.tripflow.trip.analytics.AnalyticsRules;
import io.tripflow.trip.analytics.CompletedTrip;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DailyKpiTest {

    private static final LocalDate DAY = LocalDate.of(2024, 5, 25);
    static final AnalyticsRules RULES = AnalyticsRules.ofMinutes(10, 30, new BigDecimal("50"));
    private static final Instant PICKUP = Instant.parse("2024-05-25T10:00:00Z");
    private static final Instant NOW = Instant.parse("2024-05-26T00:05:00Z");

    @Test
    void sumsExactlyAndRoundsOnlyWhenWritten() {
        DailyKpi.Accumulator kpi = new DailyKpi.Accumulator(RULES);
        // Each rounds down to .00 on its own, but the exact sum is .015 more: rounding early loses a cent.
        kpi.add(trip("10.005", null, null, 0, "1", null));
        kpi.add(trip("10.005", "1.25", "2.5", 20, "1", "2"));
        kpi.add(trip("10.005", "0", "0.1", 25, "2", "2"));
        Map<String, Object> json = kpi.result(DAY, NOW).toJson();
        assertEquals(3L, json.get("count_trips"));
        assertEquals(new BigDecimal("30.02"), json.get("total_fare"));
        assertEquals(new BigDecimal("10.01"), json.get("average_fare"));
        assertEquals(new BigDecimal("10.01"), json.get("min_fare"));
        assertEquals(new BigDecimal("1.25"), json.get("total_tips"));
        assertEquals(new BigDecimal("2.60"), json.get("total_distance"));
        assertEquals(new BigDecimal("15.00"), json.get("average_duration_minutes"));
        assertEquals("2024-05-25", json.get("date"));
    }

    @Test
    void mergingBucketFoldsEqualsOneFold() {
        DailyKpi.Accumulator whole = new DailyKpi.Accumulator(RULES);
        DailyKpi.Accumulator a = new DailyKpi.Accumulator(RULES);
        DailyKpi.Accumulator b = new DailyKpi.Accumulator(RULES);
        String[] fares = {"40.09620692463166", "69.12471722003522", "12.5", "99.99"};
        for (int i = 0; i < fares.length; i++) {
            BigDecimal fare = new BigDecimal(fares[i]);
            whole.add(trip(fares[i], "1", "10", i * 20, String.valueOf(i % 3), "1"));
            (i % 2 == 0 ? a : b).add(trip(fares[i], "1", "10", i * 20, String.valueOf(i % 3), "1"));
        }
        assertEquals(whole.result(DAY, NOW), a.merge(b).result(DAY, NOW));
        assertEquals(new BigDecimal("12.5"), whole.result(DAY, NOW).minFare());
        assertEquals(new BigDecimal("99.99"), whole.result(DAY, NOW).maxFare());
    }

    @Test
    void aDayWithoutTripsHasCountZeroAndNullFigures() {
        Map<String, Object> json = new DailyKpi.Accumulator(RULES).merge(new DailyKpi.Accumulator(RULES)).result(DAY, NOW).toJson();
        assertEquals(0L, json.get("count_trips"));
        for (String figure : new String[] {"total_fare", "average_fare", "min_fare", "max_fare", "total_tips", "total_distance",
                "average_duration_minutes", "average_distance", "revenue_per_distance"}) {
            assertNull(json.get(figure), figure);
        }
    }

    @Test
    void distanceHighValueDurationClassesAndBreakdowns() {
        DailyKpi.Accumulator kpi = new DailyKpi.Accumulator(RULES);
        kpi.add(trip("20", "5", "4", 10, "1", "1"));
        kpi.add(trip("45", "5.01", "0", 30, "1", "2"));
        kpi.add(trip("60", null, null, -5, "2", null));
        kpi.add(trip("7", "0", "3", 9, "10", "1"));
        Map<String, Object> json = kpi.result(DAY, NOW).toJson();
        assertEquals(new BigDecimal("2.33"), json.get("average_distance"), "7 over the 3 trips with a distance, 0 included");
        assertEquals(new BigDecimal("3.86"), json.get("revenue_per_distance"), "(20 + 7) / 7: fares of the trips whose distance is above 0");
        assertEquals(2L, json.get("high_value_trips"), "45 + 5.01 and 60 are above 50");
        assertEquals(Map.of("short", 1L, "medium", 1L, "long", 1L), json.get("trips_by_duration_class"), "-5 minutes is in no class");
        assertEquals("{1={count_trips=2, total_fare=65.00}, 2={count_trips=1, total_fare=60.00}, 10={count_trips=1, total_fare=7.00}}",
                json.get("by_vendor").toString(), "numeric order");
        assertEquals("{1={count_trips=2, total_fare=27.00}, 2={count_trips=1, total_fare=45.00}, unknown={count_trips=1, total_fare=60.00}}",
                json.get("by_payment_type").toString());
    }

    @Test
    void codesThatAreNoSmallWholeNumberCountUnderOtherSoTheBreakdownsStayBounded() {
        DailyKpi.Accumulator kpi = new DailyKpi.Accumulator(RULES);
        for (int i = 0; i < 10_000; i++) {
            kpi.add(trip("1", null, null, 10, Integer.toString(100 + i), i % 2 == 0 ? "1.5" : "-1"));
        }
        kpi.add(trip("2", null, null, 10, "99", "0"));
        Map<String, Object> json = kpi.result(DAY, NOW).toJson();
        assertEquals("{99={count_trips=1, total_fare=2.00}, other={count_trips=10000, total_fare=10000.00}}", json.get("by_vendor").toString());
        assertEquals("{0={count_trips=1, total_fare=2.00}, other={count_trips=10000, total_fare=10000.00}}", json.get("by_payment_type").toString());
    }

    /** A completed trip picked up at 10:00 and dropped off so many minutes later. */
    static CompletedTrip trip(String fare, String tip, String distance, int minutes, String vendor, String paymentType) {
        return new CompletedTrip(PICKUP, PICKUP.plusSeconds(minutes * 60L), new BigDecimal(fare), decimal(tip), decimal(distance), null,
                vendor, paymentType);
    }

    private static BigDecimal decimal(String value) {
        return value == null ? null : new BigDecimal(value);
    }
}
