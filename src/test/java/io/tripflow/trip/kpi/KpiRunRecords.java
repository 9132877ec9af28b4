package io.tripflow.trip.kpi;

import java.time.LocalDate;
import java.util.Map;

import io.tripflow.localstack.TestStack;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A date's KPI run record as stored, read consistently, for tests to look at. */
public final class KpiRunRecords {

    private KpiRunRecords() {
    }

    public static Map<String, AttributeValue> lastRun(String table, LocalDate date) {
        return TestStack.clients().dynamoDb().getItem(b -> b.tableName(table)
                .key(Map.of(KpiRuns.KPI_DATE, AttributeValue.fromS(date.toString()))).consistentRead(true)).item();
    }
}
