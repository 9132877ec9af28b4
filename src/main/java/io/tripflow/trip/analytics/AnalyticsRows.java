package io.tripflow.trip.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

import io.tripflow.trip.TripItem;
import io.tripflow.trip.TripTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A completed trip's analytics as DynamoDB attributes: the row it has in each analytics table (or
 * none, meaning the table must not hold it), and what goes on the trip's own item. The one place
 * where the exact figures are rounded: minutes to 2 decimals, the fare per distance to 4.
 */
public final class AnalyticsRows {

    public static final String DURATION_MINUTES = "duration_minutes";
    public static final String DURATION_CLASS = "duration_class";
    public static final String FARE_PER_DISTANCE = "fare_per_distance";
    public static final String HIGH_VALUE = "high_value";
    public static final String TOTAL_AMOUNT_SOURCE = "total_amount_source";

    private AnalyticsRows() {
    }

    /** Every classified trip; null for one whose drop-off is before its pick-up. */
    public static Map<String, AttributeValue> durationRow(Map<String, AttributeValue> item, TripAnalytics analytics) {
        if (analytics.durationClass() == null) {
            return null;
        }
        Map<String, AttributeValue> row = commonRow(item);
        row.put(TripTable.PICKUP_DATETIME, item.get(TripTable.PICKUP_DATETIME));
        row.put(TripTable.DROPOFF_DATETIME, item.get(TripTable.DROPOFF_DATETIME));
        row.put(DURATION_MINUTES, minutes(analytics));
        row.put(DURATION_CLASS, AttributeValue.fromS(analytics.durationClass().label()));
        return row;
    }

    /** Only high-value trips. */
    public static Map<String, AttributeValue> highValueRow(Map<String, AttributeValue> item, TripAnalytics analytics) {
        if (!analytics.highValue()) {
            return null;
        }
        Map<String, AttributeValue> row = commonRow(item);
        row.put(TripTable.TOTAL_AMOUNT, AttributeValue.fromN(analytics.totalAmount().toPlainString()));
        row.put(TOTAL_AMOUNT_SOURCE, AttributeValue.fromS(analytics.totalFromSource() ? "total_amount" : "fare_plus_tip"));
        copy(item, row, TripTable.FARE_AMOUNT, TripTable.TIP_AMOUNT, TripTable.VENDOR_ID, TripTable.PAYMENT_TYPE);
        return row;
    }

    /** Every trip with a distance other than zero. */
    public static Map<String, AttributeValue> farePerDistanceRow(Map<String, AttributeValue> item, TripAnalytics analytics) {
        if (analytics.farePerDistance() == null) {
            return null;
        }
        Map<String, AttributeValue> row = commonRow(item);
        copy(item, row, TripTable.FARE_AMOUNT, TripTable.TRIP_DISTANCE);
        row.put(FARE_PER_DISTANCE, farePerDistance(analytics));
        return row;
    }

    /** The analytics on the trip's item; a null value means the attribute is to be removed. */
    public static Map<String, AttributeValue> itemAttributes(TripAnalytics analytics) {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        boolean classified = analytics.durationClass() != null;
        attributes.put(DURATION_MINUTES, classified ? minutes(analytics) : null);
        attributes.put(DURATION_CLASS, classified ? AttributeValue.fromS(analytics.durationClass().label()) : null);
        attributes.put(FARE_PER_DISTANCE, analytics.farePerDistance() == null ? null : farePerDistance(analytics));
        attributes.put(HIGH_VALUE, AttributeValue.fromBool(analytics.highValue()));
        return attributes;
    }

    /** What every row carries: the trip, its drop-off date and the half versions it was derived from. */
    private static Map<String, AttributeValue> commonRow(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> row = new LinkedHashMap<>();
        row.put(AnalyticsTables.TRIP_ID, item.get(TripTable.TRIP_ID));
        row.put(TripTable.TRIP_DATE, AttributeValue.fromS(TripItem.tripDate(item).toString()));
        row.put(TripTable.COMPLETED_FROM, AttributeValue.fromS(TripItem.completedFrom(item)));
        row.put(TripTable.START_VERSION, item.get(TripTable.START_VERSION));
        row.put(TripTable.END_VERSION, item.get(TripTable.END_VERSION));
        return row;
    }

    private static void copy(Map<String, AttributeValue> item, Map<String, AttributeValue> row, String... attributes) {
        for (String attribute : attributes) {
            if (item.containsKey(attribute)) {
                row.put(attribute, item.get(attribute));
            }
        }
    }

    private static AttributeValue minutes(TripAnalytics analytics) {
        BigDecimal minutes = BigDecimal.valueOf(analytics.duration().toMillis()).divide(BigDecimal.valueOf(60_000), 2, RoundingMode.HALF_UP);
        return AttributeValue.fromN(minutes.toPlainString());
    }

    private static AttributeValue farePerDistance(TripAnalytics analytics) {
        return AttributeValue.fromN(analytics.farePerDistance().setScale(4, RoundingMode.HALF_UP).toPlainString());
    }
}
