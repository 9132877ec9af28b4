package io.tripflow.trip.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import io.tripflow.trip.EventTimestamps;
import io.tripflow.trip.TripTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The figures of a trip with both halves stored that its analytics and its date's KPIs are derived
 * from. Only the times and the fare are always there; the rest may be null.
 *
 * @param totalAmount what the passenger paid in all, where the source says so (whole-trip rows)
 */
public record CompletedTrip(
        Instant pickupAt,
        Instant dropoffAt,
        BigDecimal fareAmount,
        BigDecimal tipAmount,
        BigDecimal tripDistance,
        BigDecimal totalAmount,
        String vendorId,
        String paymentType) {

    /** From the trip's item, or its projection in the completed-trips index. */
    public static CompletedTrip fromItem(Map<String, AttributeValue> item) {
        return new CompletedTrip(time(item, TripTable.PICKUP_DATETIME), time(item, TripTable.DROPOFF_DATETIME),
                number(item, TripTable.FARE_AMOUNT), number(item, TripTable.TIP_AMOUNT), number(item, TripTable.TRIP_DISTANCE),
                number(item, TripTable.TOTAL_AMOUNT), text(item, TripTable.VENDOR_ID), text(item, TripTable.PAYMENT_TYPE));
    }

    private static BigDecimal number(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        return value == null || value.n() == null ? null : new BigDecimal(value.n());
    }

    /**
     * Codes such as vendor_id are numbers on the item; as labels, their value without trailing zeros
     * (a payment type sent as 3.0 is "3", however the store keeps it).
     */
    private static String text(Map<String, AttributeValue> item, String attribute) {
        BigDecimal code = number(item, attribute);
        return code == null ? null : code.stripTrailingZeros().toPlainString();
    }

    /** The item's times are Instant.toString() forms, which EventTimestamps reads on its fast path. */
    private static Instant time(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        if (value == null) {
            throw new IllegalStateException("a completed trip without " + attribute);
        }
        return EventTimestamps.parse(value.s()).orElseThrow(() -> new IllegalStateException("stored time " + value.s() + " is unreadable"));
    }
}
