package io.tripflow.trip.analytics;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * The thresholds a completed trip is classified by: short below {@code shortBelow}, long from
 * {@code longFrom}, medium in between; high value when its total amount exceeds {@code highValueAbove}.
 */
public record AnalyticsRules(Duration shortBelow, Duration longFrom, BigDecimal highValueAbove) {

    public AnalyticsRules {
        if (shortBelow.isNegative() || longFrom.compareTo(shortBelow) < 0) {
            throw new IllegalArgumentException("duration classes need 0 <= short-below (" + shortBelow.toMinutes()
                    + " min) <= long-from (" + longFrom.toMinutes() + " min)");
        }
    }

    public static AnalyticsRules ofMinutes(int shortBelowMinutes, int longFromMinutes, BigDecimal highValueAbove) {
        return new AnalyticsRules(Duration.ofMinutes(shortBelowMinutes), Duration.ofMinutes(longFromMinutes), highValueAbove);
    }

    /** The class of a trip that took this long; a negative duration (drop-off before pick-up) has none. */
    public DurationClass classify(Duration duration) {
        if (duration.isNegative()) {
            return null;
        }
        if (duration.compareTo(shortBelow) < 0) {
            return DurationClass.SHORT;
        }
        return duration.compareTo(longFrom) < 0 ? DurationClass.MEDIUM : DurationClass.LONG;
    }

    public boolean isHighValue(BigDecimal totalAmount) {
        return totalAmount.compareTo(highValueAbove) > 0;
    }
}
