package io.tripflow.trip;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The end half of a trip: when it was dropped off and what was charged. Only the drop-off time and
 * the fare are mandatory; the real data has ends with no rate code, passenger count, payment or
 * trip type, and those are still completed trips. The total amount is what the passenger paid in
 * all, where the source says so (whole-trip rows); it is never computed here.
 */
public record TripEnd(
        String tripId,
        Instant eventTime,
        String version,
        Instant dropoffAt,
        BigDecimal rateCode,
        BigDecimal passengerCount,
        BigDecimal tripDistance,
        BigDecimal fareAmount,
        BigDecimal tipAmount,
        BigDecimal paymentType,
        BigDecimal tripType,
        BigDecimal totalAmount) implements TripHalf {

    @Override
    public Side side() {
        return Side.END;
    }
}
