package io.tripflow.trip.analytics;

import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.LongConsumer;

import io.tripflow.dynamodb.Update;
import io.tripflow.trip.TripItem;
import io.tripflow.trip.TripTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Brings a completed trip's analytics, in the three tables and on its item, in line with the
 * trip's current halves. Idempotent, and safe against any number of writers for the same trip:
 *
 * <ol>
 * <li>read the trip's item (consistently); nothing to do unless both halves are there and the
 *     analytics were not derived from exactly them;</li>
 * <li>put or delete the trip's row in each table, only over a row derived from the same or older
 *     halves, so an older pair never overwrites a newer one;</li>
 * <li>record on the item that the analytics come from this pair, only if the halves are still the
 *     ones read. If they are not, a newer half arrived meanwhile and this writer's rows may be
 *     stale: it starts again from (1) and rewrites the rows even if the item says they are done.</li>
 * </ol>
 * A crash before (3) leaves the item saying the analytics are due, so the record's redelivery runs
 * this again ({@link io.tripflow.trip.UpsertOutcome#analyticsDue()}).
 */
public class TripAnalyticsStore {

    /** Outcomes, as counted in tripflow_trip_analytics_total{outcome}. */
    public enum Outcome { DERIVED, UP_TO_DATE }

    private static final int MAX_ROUNDS = 10;

    private final DynamoDbClient dynamoDb;
    private final String tripsTable;
    private final AnalyticsTables tables;
    private final AnalyticsRules rules;

    public TripAnalyticsStore(DynamoDbClient dynamoDb, String tripsTable, AnalyticsTables tables, AnalyticsRules rules) {
        this.dynamoDb = dynamoDb;
        this.tripsTable = tripsTable;
        this.tables = tables;
        this.rules = rules;
    }

    public Outcome refresh(String tripId) {
        boolean rowsMayBeStale = false;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Map<String, AttributeValue> item = dynamoDb.getItem(g -> g.tableName(tripsTable).consistentRead(true)
                    .key(Map.of(TripTable.TRIP_ID, AttributeValue.fromS(tripId)))).item();
            boolean due = item != null && TripItem.analyticsDue(item);
            boolean complete = item != null && TripItem.hasBothHalves(item);
            if (!complete || (!due && !rowsMayBeStale)) {
                return Outcome.UP_TO_DATE;
            }
            TripAnalytics analytics = TripAnalytics.of(CompletedTrip.fromItem(item), rules);
            writeRow(tables.duration(), item, analytics, AnalyticsRows::durationRow);
            writeRow(tables.highValue(), item, analytics, AnalyticsRows::highValueRow);
            writeRow(tables.farePerDistance(), item, analytics, AnalyticsRows::farePerDistanceRow);
            if (markDerived(tripId, item, analytics)) {
                return Outcome.DERIVED;
            }
            rowsMayBeStale = true;
        }
        throw new IllegalStateException("trip " + tripId + " kept changing while its analytics were derived; left for the record's redelivery");
    }

    /**
     * Derives the analytics of every completed trip whose analytics are behind its halves: trips
     * completed before tripflow had analytics, or before the tables were restored. Reads the trips
     * table page by page (a Scan, filtered on the server); safe to run beside the pipeline and again.
     *
     * @return how many trips' analytics were derived
     */
    public long backfill(LongConsumer progress) {
        long derived = 0;
        var behind = dynamoDb.scanPaginator(s -> s.tableName(tripsTable).projectionExpression("#id")
                .filterExpression("attribute_exists(#start) AND attribute_exists(#end) AND (attribute_not_exists(#from) OR #from <> #completed)")
                .expressionAttributeNames(Map.of("#id", TripTable.TRIP_ID, "#start", TripTable.START_VERSION, "#end", TripTable.END_VERSION,
                        "#from", TripTable.ANALYTICS_FROM, "#completed", TripTable.COMPLETED_FROM)));
        for (Map<String, AttributeValue> trip : behind.items()) {
            if (refresh(trip.get(TripTable.TRIP_ID).s()) == Outcome.DERIVED) {
                progress.accept(++derived);
            }
        }
        return derived;
    }

    private void writeRow(String table, Map<String, AttributeValue> item, TripAnalytics analytics,
            BiFunction<Map<String, AttributeValue>, TripAnalytics, Map<String, AttributeValue>> rowOf) {
        Map<String, AttributeValue> row = rowOf.apply(item, analytics);
        // Only over a row from the same or older halves; each half's versions only ever grow.
        String notNewer = "attribute_not_exists(#id) OR (#start <= :start AND #end <= :end)";
        Map<String, String> names = Map.of("#id", AnalyticsTables.TRIP_ID, "#start", TripTable.START_VERSION, "#end", TripTable.END_VERSION);
        Map<String, AttributeValue> values = Map.of(":start", item.get(TripTable.START_VERSION), ":end", item.get(TripTable.END_VERSION));
        try {
            if (row == null) {
                dynamoDb.deleteItem(d -> d.tableName(table).key(Map.of(AnalyticsTables.TRIP_ID, item.get(TripTable.TRIP_ID)))
                        .conditionExpression(notNewer).expressionAttributeNames(names).expressionAttributeValues(values));
            } else {
                dynamoDb.putItem(p -> p.tableName(table).item(row)
                        .conditionExpression(notNewer).expressionAttributeNames(names).expressionAttributeValues(values));
            }
        } catch (ConditionalCheckFailedException newerThere) {
            // a writer with newer halves got there first; its row stands
        }
    }

    private boolean markDerived(String tripId, Map<String, AttributeValue> item, TripAnalytics analytics) {
        Update update = new Update()
                .setOrRemove(AnalyticsRows.itemAttributes(analytics))
                .setOrRemove(Map.of(TripTable.ANALYTICS_FROM, AttributeValue.fromS(TripItem.completedFrom(item))))
                .name("#start", TripTable.START_VERSION).value(":start", item.get(TripTable.START_VERSION))
                .name("#end", TripTable.END_VERSION).value(":end", item.get(TripTable.END_VERSION));
        try {
            dynamoDb.updateItem(u -> u.tableName(tripsTable).key(Map.of(TripTable.TRIP_ID, AttributeValue.fromS(tripId)))
                    .updateExpression(update.expression())
                    .conditionExpression("#start = :start AND #end = :end")
                    .expressionAttributeNames(update.names()).expressionAttributeValues(update.values()));
            return true;
        } catch (ConditionalCheckFailedException halvesChanged) {
            return false;
        }
    }
}
