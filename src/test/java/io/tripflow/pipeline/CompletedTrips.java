package io.tripflow.pipeline;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tripflow.localstack.TestStack;
import io.tripflow.trip.TripTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** How many trips of a test's table are completed, read consistently: the one way the tests count them. */
public final class CompletedTrips {

    private CompletedTrips() {
    }

    public static long count(String table) {
        return count(ScanRequest.builder().tableName(table).filterExpression("attribute_exists(#status)")
                .expressionAttributeNames(Map.of("#status", TripTable.STATUS)));
    }

    /** Completed trips whose drop-off falls on one of these dates. */
    public static long onDates(String table, LocalDate... dates) {
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (LocalDate date : dates) {
            String name = ":d" + values.size();
            names.add(name);
            values.put(name, AttributeValue.fromS(date.toString()));
        }
        return count(ScanRequest.builder().tableName(table)
                .filterExpression("attribute_exists(#status) AND #date IN (" + String.join(", ", names) + ")")
                .expressionAttributeNames(Map.of("#status", TripTable.STATUS, "#date", TripTable.TRIP_DATE))
                .expressionAttributeValues(values));
    }

    private static long count(ScanRequest.Builder scan) {
        return TestStack.clients().dynamoDb().scanPaginator(scan.consistentRead(true).select(Select.COUNT).build())
                .stream().mapToInt(page -> page.count()).sum();
    }
}
