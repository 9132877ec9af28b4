package io.tripflow.trip.analytics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;

/**
 * What a completed trip is, analytically: how long it took and its class, its fare per unit of
 * distance, and whether it is of high value. Exact; {@link AnalyticsRows} rounds when writing.
 *
 * @param duration drop-off minus pick-up; negative when the drop-off is before the pick-up
 * @param durationClass null when the duration is negative: such a trip is never classified
 * @param farePerDistance null when the distance is missing or zero: never 0, never infinite
 * @param totalAmount the source's total amount where it has one, else fare plus tip
 * @param totalFromSource whether {@code totalAmount} is the source's own (true) or fare plus tip
 */
public record TripAnalytics(
        Duration duration,
        DurationClass durationClass,
        BigDecimal farePerDistance,
        BigDecimal totalAmount,
        boolean totalFromSource,
        boolean highValue) {

    public static TripAnalytics of(CompletedTrip trip, AnalyticsRules rules) {
        Duration duration = Duration.between(trip.pickupAt(), trip.dropoffAt());
        BigDecimal distance = trip.tripDistance();
        BigDecimal farePerDistance = distance == null || distance.signum() == 0 ? null
                : trip.fareAmount().divide(distance, MathContext.DECIMAL128);
        boolean fromSource = trip.totalAmount() != null;
        BigDecimal total = fromSource ? trip.totalAmount()
                : trip.tipAmount() == null ? trip.fareAmount() : trip.fareAmount().add(trip.tipAmount());
        return new TripAnalytics(duration, rules.classify(duration), farePerDistance, total, fromSource, rules.isHighValue(total));
    }
}
