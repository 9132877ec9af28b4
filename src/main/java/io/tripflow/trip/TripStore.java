package io.tripflow.trip;

import java.util.Map;

import io.tripflow.dynamodb.Update;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Merges trip halves into one DynamoDB item per trip with conditional updates, so that any order,
 * any number of duplicates and any interleaving of writers end in the same item.
 *
 * <p>Two writes, each idempotent on its own: (1) store the half if it is newer than the stored
 * version of that half; (2) if both halves are now present and the completion attributes were not
 * derived from exactly these two versions, derive them. A crash between (1) and (2) is healed by
 * the redelivered record: (1) finds a duplicate, (2) still runs.
 */
public class TripStore {

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final int dateBuckets;

    public TripStore(DynamoDbClient dynamoDb, String table, int dateBuckets) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.dateBuckets = dateBuckets;
    }

    public UpsertOutcome upsert(TripHalf half) {
        Map<String, AttributeValue> item;
        UpsertOutcome.Result result;
        try {
            item = storeHalf(half).attributes();
            result = UpsertOutcome.Result.STORED;
        } catch (ConditionalCheckFailedException notNewer) {
            item = notNewer.item();
            String stored = TripVersion.contentOf(item.get(TripItem.versionAttribute(half.side())).s());
            result = stored.equals(TripVersion.contentOf(half.version())) ? UpsertOutcome.Result.DUPLICATE : UpsertOutcome.Result.STALE;
        }
        boolean completed = completeIfBothHalves(half.tripId(), item);
        return new UpsertOutcome(half.tripId(), result, completed, TripItem.analyticsDue(item));
    }

    private UpdateItemResponse storeHalf(TripHalf half) {
        Update update = new Update()
                .setOrRemove(TripItem.attributesOf(half))
                .name("#version", TripItem.versionAttribute(half.side()))
                .value(":version", AttributeValue.fromS(half.version()))
                .name("#content", TripItem.contentAttribute(half.side()))
                .value(":content", AttributeValue.fromS(TripVersion.contentOf(half.version())))
                // Listed as open from the first half on; the completion removes it.
                .set("#open = if_not_exists(#open, :open)")
                .name("#open", TripTable.OPEN_DATE_BUCKET)
                .value(":open", AttributeValue.fromS(TripTable.dateBucketKey(TripItem.openDate(half),
                        TripTable.bucketOf(half.tripId(), dateBuckets))));
        return dynamoDb.updateItem(UpdateItemRequest.builder()
                .tableName(table)
                .key(Map.of(TripTable.TRIP_ID, AttributeValue.fromS(half.tripId())))
                .updateExpression(update.expression())
                // Only a newer version of this half may replace the stored one; the same half again
                // (even from a later upload), or an older one, fails the condition and changes nothing.
                .conditionExpression("attribute_not_exists(#version) OR (#version < :version AND "
                        + "(attribute_not_exists(#content) OR #content <> :content))")
                .expressionAttributeNames(update.names())
                .expressionAttributeValues(update.values())
                .returnValues(ReturnValue.ALL_NEW)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build());
    }

    private boolean completeIfBothHalves(String tripId, Map<String, AttributeValue> item) {
        if (!TripItem.hasBothHalves(item)) {
            return false;
        }
        String completedFrom = TripItem.completedFrom(item);
        AttributeValue already = item.get(TripTable.COMPLETED_FROM);
        if (already != null && already.s().equals(completedFrom)) {
            return false;
        }
        var tripDate = TripItem.tripDate(item);
        try {
            dynamoDb.updateItem(UpdateItemRequest.builder()
                    .tableName(table)
                    .key(Map.of(TripTable.TRIP_ID, AttributeValue.fromS(tripId)))
                    .updateExpression("SET #from = :from, #date = :date, #bucket = :bucket, #status = :completed REMOVE #open")
                    // Derive only from the exact halves we read: if another writer replaced a half
                    // in the meantime, that writer derives the completion from the newer pair.
                    .conditionExpression("#start = :start AND #end = :end AND (attribute_not_exists(#from) OR #from <> :from)")
                    .expressionAttributeNames(Map.of(
                            "#from", TripTable.COMPLETED_FROM, "#date", TripTable.TRIP_DATE,
                            "#bucket", TripTable.DATE_BUCKET, "#status", TripTable.STATUS,
                            "#start", TripTable.START_VERSION, "#end", TripTable.END_VERSION,
                            "#open", TripTable.OPEN_DATE_BUCKET))
                    .expressionAttributeValues(Map.of(
                            ":from", AttributeValue.fromS(completedFrom),
                            ":date", AttributeValue.fromS(tripDate.toString()),
                            ":bucket", AttributeValue.fromS(TripTable.dateBucketKey(tripDate, TripTable.bucketOf(tripId, dateBuckets))),
                            ":completed", AttributeValue.fromS("COMPLETED"),
                            ":start", item.get(TripTable.START_VERSION),
                            ":end", item.get(TripTable.END_VERSION)))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException raced) {
            return false;
        }
    }
}
