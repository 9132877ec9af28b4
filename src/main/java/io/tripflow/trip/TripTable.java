package io.tripflow.trip;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.CRC32;

import io.tripflow.dynamodb.TableShapes;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

/**
 * The one definition of the trip table's shape: key, index and the attribute names the code, the
 * local stack and the CloudFormation template all rely on.
 */
public final class TripTable {

    public static final String TRIP_ID = "trip_id";

    /**
     * Completed trips by UTC drop-off date, spread over N buckets so no day sits on one partition.
     * v2: the projection gained total_amount, vendor_id and payment_type for the KPI breakdowns; an
     * index's projection cannot be changed in place, so it is a new index (docs/operations.md, "Upgrading").
     */
    public static final String COMPLETED_BY_DATE_INDEX = "completed-trips-by-date-v2";
    public static final String DATE_BUCKET = "completed_date_bucket";

    /**
     * Trips with only one half so far, by the UTC date of that half, in the same buckets: the
     * attribute is set with the first half and removed when the trip completes (a sparse index).
     */
    public static final String OPEN_BY_DATE_INDEX = "open-trips-by-date";
    public static final String OPEN_DATE_BUCKET = "open_date_bucket";

    public static final String START_VERSION = "start_version";
    public static final String END_VERSION = "end_version";
    /** Each half's {@link TripVersion#contentOf content}: the same half again, from a later upload, changes nothing. */
    public static final String START_CONTENT = "start_content";
    public static final String END_CONTENT = "end_content";
    /** The pair of half versions the completion attributes were derived from. */
    public static final String COMPLETED_FROM = "completed_from";
    public static final String TRIP_DATE = "trip_date";
    public static final String STATUS = "trip_status";

    public static final String PICKUP_DATETIME = "pickup_datetime";
    public static final String DROPOFF_DATETIME = "dropoff_datetime";
    public static final String FARE_AMOUNT = "fare_amount";
    public static final String TIP_AMOUNT = "tip_amount";
    public static final String TRIP_DISTANCE = "trip_distance";
    public static final String TOTAL_AMOUNT = "total_amount";
    public static final String VENDOR_ID = "vendor_id";
    public static final String PAYMENT_TYPE = "payment_type";

    /**
     * The pair of half versions the trip's analytics (on the item and in the analytics tables) were
     * derived from; behind {@link #COMPLETED_FROM} until the analytics flow has caught up.
     */
    public static final String ANALYTICS_FROM = "analytics_from";

    /** What the KPI fold reads from the index, and nothing more. */
    public static final List<String> INDEX_PROJECTION =
            List.of(FARE_AMOUNT, TIP_AMOUNT, TRIP_DISTANCE, PICKUP_DATETIME, DROPOFF_DATETIME, TOTAL_AMOUNT, VENDOR_ID, PAYMENT_TYPE);

    /** What the open-trips report reads: which half is there, and since when. */
    public static final List<String> OPEN_INDEX_PROJECTION =
            List.of(START_VERSION, END_VERSION, PICKUP_DATETIME, DROPOFF_DATETIME);

    private TripTable() {
    }

    /** CRC32 rather than String.hashCode: stable, and reproducible from any language. */
    public static int bucketOf(String tripId, int buckets) {
        CRC32 crc = new CRC32();
        crc.update(tripId.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % buckets);
    }

    public static String dateBucketKey(LocalDate date, int bucket) {
        return date + "#" + String.format("%03d", bucket);
    }

    /** On demand, keyed by trip_id, with the two by-date indexes the KPIs and the open trips read. */
    public static CreateTableRequest request(String table) {
        return TableShapes.onDemand(table)
                .attributeDefinitions(TableShapes.string(TRIP_ID), TableShapes.string(DATE_BUCKET), TableShapes.string(OPEN_DATE_BUCKET))
                .keySchema(TableShapes.key(TRIP_ID, KeyType.HASH))
                .globalSecondaryIndexes(
                        TableShapes.index(COMPLETED_BY_DATE_INDEX, DATE_BUCKET, TRIP_ID, INDEX_PROJECTION),
                        TableShapes.index(OPEN_BY_DATE_INDEX, OPEN_DATE_BUCKET, TRIP_ID, OPEN_INDEX_PROJECTION))
                .build();
    }
}
