package io.tripflow.trip.analytics;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TripAnalyticsTest {

    private static final AnalyticsRules RULES = AnalyticsRules.ofMinutes(10, 30, new BigDecimal("50"));
    private static final Instant PICKUP = Instant.parse("2024-05-25T10:00:00Z");

    @Test
    void durationClassesChangeExactlyAtTheirThresholds() {
        assertEquals(DurationClass.SHORT, RULES.classify(Duration.ZERO));
        assertEquals(DurationClass.SHORT, RULES.classify(Duration.ofMinutes(10).minusMillis(1)));
        assertEquals(DurationClass.MEDIUM, RULES.classify(Duration.ofMinutes(10)));
        assertEquals(DurationClass.MEDIUM, RULES.classify(Duration.ofMinutes(30).minusSeconds(1)));
        assertEquals(DurationClass.LONG, RULES.classify(Duration.ofMinutes(30)));
        assertNull(RULES.classify(Duration.ofSeconds(-1)), "a drop-off before its pick-up is never classified");
    }

    @Test
    void highValueIsAboveTheThresholdNeverAtIt() {
        assertFalse(RULES.isHighValue(new BigDecimal("50.00")));
        assertTrue(RULES.isHighValue(new BigDecimal("50.000000001")));
    }

    @Test
    void theTotalIsTheSourcesWhereItHasOneElseFarePlusTip() {
        var withTotal = TripAnalytics.of(trip("30", "25", "3", "49.99"), RULES);
        assertEquals(new BigDecimal("49.99"), withTotal.totalAmount());
        assertTrue(withTotal.totalFromSource());
        assertFalse(withTotal.highValue(), "fare + tip would be 55, but the source says 49.99");

        var withoutTotal = TripAnalytics.of(trip("30", "25", "3", null), RULES);
        assertEquals(new BigDecimal("55"), withoutTotal.totalAmount());
        assertTrue(withoutTotal.highValue());
        assertEquals(new BigDecimal("30"), TripAnalytics.of(trip("30", null, "3", null), RULES).totalAmount(), "no tip: the fare");
    }

    @Test
    void farePerDistanceIsExactAndAbsentWithoutADistance() {
        assertEquals(0, new BigDecimal("2.333333333333333333333333333333333").compareTo(TripAnalytics.of(trip("7", null, "3", null), RULES).farePerDistance()));
        assertNull(TripAnalytics.of(trip("7", null, "0", null), RULES).farePerDistance());
        assertNull(TripAnalytics.of(trip("7", null, "0.000", null), RULES).farePerDistance());
        assertNull(TripAnalytics.of(trip("7", null, null, null), RULES).farePerDistance());
    }

    @Test
    void rulesWhoseClassesOverlapAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> AnalyticsRules.ofMinutes(30, 10, BigDecimal.TEN));
    }

    private static CompletedTrip trip(String fare, String tip, String distance, String total) {
        return new CompletedTrip(PICKUP, PICKUP.plus(Duration.ofMinutes(20)), new BigDecimal(fare), decimal(tip), decimal(distance),
                decimal(total), "1", "2");
    }

    private static BigDecimal decimal(String value) {
        return value == null ? null : new BigDecimal(value);
    }
}
