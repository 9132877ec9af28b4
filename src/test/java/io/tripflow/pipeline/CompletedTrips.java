package io.tripflow.pipeline;

import io.tripflow.localstack.TestStack;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** How many trips of a test's table are completed, read consistently. */
final class CompletedTrips {

    private CompletedTrips() {
    }

    static long count(String table) {
        return TestStack.clients().dynamoDb().scanPaginator(b -> b.tableName(table).consistentRead(true)
                        .select(Select.COUNT).filterExpression("attribute_exists(trip_status)"))
                .stream().mapToInt(page -> page.count()).sum();
    }
}
