package io.tripflow.trip;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How a trip half maps onto the trip's DynamoDB item. Each half owns a disjoint set of attributes;
 * an absent optional value maps to {@code null}, meaning "remove", so a newer version of a half
 * never leaves the older version's fields behind.
 */
public final class TripItem {

    private TripItem() {
    }

    public static String versionAttribute(TripHalf.Side side) {
        return side == TripHalf.Side.START ? TripTable.START_VERSION : TripTable.END_VERSION;
    }

    public static String contentAttribute(TripHalf.Side side) {
        return side == TripHalf.Side.START ? TripTable.START_CONTENT : TripTable.END_CONTENT;
    }

    /** The half's attributes in a stable order; a null value means the attribute is to be removed. */
    public static Map<String, AttributeValue> attributesOf(TripHalf half) {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        attributes.put(versionAttribute(half.side()), text(half.version()));
        attributes.put(contentAttribute(half.side()), text(TripVersion.contentOf(half.version())));
        switch (half) {
            case TripStart start -> {
                attributes.put(TripTable.PICKUP_DATETIME, time(start.pickupAt()));
                attributes.put("estimated_dropoff_datetime", time(start.estimatedDropoffAt()));
                attributes.put("estimated_fare_amount", number(start.estimatedFareAmount()));
                attributes.put("pickup_location_id", number(start.pickupLocationId()));
                attributes.put("dropoff_location_id", number(start.dropoffLocationId()));
                attributes.put(TripTable.VENDOR_ID, number(start.vendorId()));
            }
            case TripEnd end -> {
                attributes.put(TripTable.DROPOFF_DATETIME, time(end.dropoffAt()));
                attributes.put(TripTable.FARE_AMOUNT, number(end.fareAmount()));
                attributes.put(TripTable.TIP_AMOUNT, number(end.tipAmount()));
                attributes.put(TripTable.TRIP_DISTANCE, number(end.tripDistance()));
                attributes.put("rate_code", number(end.rateCode()));
                attributes.put("passenger_count", number(end.passengerCount()));
                attributes.put(TripTable.PAYMENT_TYPE, number(end.paymentType()));
                attributes.put("trip_type", number(end.tripType()));
                attributes.put(TripTable.TOTAL_AMOUNT, number(end.totalAmount()));
            }
        }
        return attributes;
    }

    /** The UTC date a trip is open on while it has only this half: its pick-up or drop-off date. */
    public static LocalDate openDate(TripHalf half) {
        Instant at = switch (half) {
            case TripStart start -> start.pickupAt();
            case TripEnd end -> end.dropoffAt();
        };
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    /** Both halves are present: the trip is complete and belongs to its drop-off date. */
    public static boolean hasBothHalves(Map<String, AttributeValue> item) {
        return item.containsKey(TripTable.START_VERSION) && item.containsKey(TripTable.END_VERSION);
    }

    public static String completedFrom(Map<String, AttributeValue> item) {
        return item.get(TripTable.START_VERSION).s() + "|" + item.get(TripTable.END_VERSION).s();
    }

    /** Both halves are present and the analytics were not derived from exactly these two. */
    public static boolean analyticsDue(Map<String, AttributeValue> item) {
        if (!hasBothHalves(item)) {
            return false;
        }
        AttributeValue derivedFrom = item.get(TripTable.ANALYTICS_FROM);
        return derivedFrom == null || !derivedFrom.s().equals(completedFrom(item));
    }

    public static LocalDate tripDate(Map<String, AttributeValue> item) {
        return LocalDate.ofInstant(Instant.parse(item.get(TripTable.DROPOFF_DATETIME).s()), ZoneOffset.UTC);
    }

    private static AttributeValue text(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue time(Instant value) {
        return value == null ? null : AttributeValue.fromS(value.toString());
    }

    /** DynamoDB numbers keep up to 38 significant digits: the fare is stored exactly as received. */
    private static AttributeValue number(BigDecimal value) {
        return value == null ? null : AttributeValue.fromN(value.toPlainString());
    }
}
