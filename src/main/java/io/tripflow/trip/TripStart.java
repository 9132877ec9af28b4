package io.tripflow.trip;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The start half of a trip: where and when it was picked up, and the estimates made then. A start
 * taken from a whole-trip row has no estimates (null): none were ever made.
 */
public record TripStart(
        String tripId,
        Instant eventTime,
        String version,
        BigDecimal pickupLocationId,
        BigDecimal dropoffLocationId,
        BigDecimal vendorId,
        Instant pickupAt,
        Instant estimatedDropoffAt,
        BigDecimal estimatedFareAmount) implements TripHalf {

    @Override
    public Side side() {
        return Side.START;
    }
}
