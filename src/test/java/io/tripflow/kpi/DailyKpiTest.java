package io.tripflow.kpi;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DailyKpiTest {

    private static final LocalDate DAY = LocalDate.of(2024, 5, 25);
    private static final Instant NOW = Instant.parse("2024-05-26T00:05:00Z");

    @Test
    void sumsExactlyAndRoundsOnlyWhenWritten() {
        DailyKpi.Accumulator kpi = new DailyKpi.Accumulator();
        // Each rounds down to .00 on its own, but the exact sum is .015 more: rounding early loses a cent.
        kpi.add(new BigDecimal("10.005"), null, null, null);
        kpi.add(new BigDecimal("10.005"), new BigDecimal("1.25"), new BigDecimal("2.5"), 600L);
        kpi.add(new BigDecimal("10.005"), BigDecimal.ZERO, new BigDecimal("0.1"), 1200L);
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
        DailyKpi.Accumulator whole = new DailyKpi.Accumulator();
        DailyKpi.Accumulator a = new DailyKpi.Accumulator();
        DailyKpi.Accumulator b = new DailyKpi.Accumulator();
        String[] fares = {"40.09620692463166", "69.12471722003522", "12.5", "99.99"};
        for (int i = 0; i < fares.length; i++) {
            BigDecimal fare = new BigDecimal(fares[i]);
            whole.add(fare, BigDecimal.ONE, BigDecimal.TEN, 60L);
            (i % 2 == 0 ? a : b).add(fare, BigDecimal.ONE, BigDecimal.TEN, 60L);
        }
        assertEquals(whole.result(DAY, NOW), a.merge(b).result(DAY, NOW));
        assertEquals(new BigDecimal("12.5"), whole.result(DAY, NOW).minFare());
        assertEquals(new BigDecimal("99.99"), whole.result(DAY, NOW).maxFare());
    }

    @Test
    void aDayWithoutTripsHasCountZeroAndNullFigures() {
        Map<String, Object> json = new DailyKpi.Accumulator().merge(new DailyKpi.Accumulator()).result(DAY, NOW).toJson();
        assertEquals(0L, json.get("count_trips"));
        for (String figure : new String[] {"total_fare", "average_fare", "min_fare", "max_fare", "total_tips", "total_distance",
                "average_duration_minutes"}) {
            assertNull(json.get(figure), figure);
        }
    }
}
