package io.tripflow.orders;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.tripflow.dynamodb.LeaseTable;
import io.tripflow.trip.kpi.KpiRuns;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The KPI runs of order dates (run record and per-date lease, as for trip dates), and the mark that
 * files have touched a date since: each touch writes a fresh touch id and time, and a run removes the
 * mark only if it is still the touch it started from, so a touch during a run is never lost.
 */
public class OrderKpiRuns extends KpiRuns {

    static final String TOUCH_ID = "touch_id";
    static final String TOUCHED_MS = "touched_epoch_ms";

    /** A date to compute, and the touch it answers (null for a date whose last run failed and nothing touched since). */
    public record Due(LocalDate date, String touchId) {
    }

    private final Duration debounce;

    public OrderKpiRuns(LeaseTable table, Duration debounce) {
        super(table);
        this.debounce = debounce;
    }

    public void markTouched(Collection<LocalDate> dates) {
        LeaseTable table = table();
        Instant now = table.now();
        for (LocalDate date : dates) {
            table.dynamoDb().updateItem(u -> u.tableName(table.name()).key(key(date))
                    .updateExpression("SET #id = :id, #ms = :ms")
                    .expressionAttributeNames(Map.of("#id", TOUCH_ID, "#ms", TOUCHED_MS))
                    .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(UUID.randomUUID().toString()),
                            ":ms", LeaseTable.epochMillis(now))));
        }
    }

    /** Dates no file has touched for the debounce time: a file's rows are stored before its dates are computed. */
    public List<Due> settled() {
        return touched(table().now().minus(debounce).toEpochMilli());
    }

    /** For the schedule: every touched date, and every date whose last run failed. */
    public List<Due> scheduled() {
        List<Due> touched = touched(Long.MAX_VALUE);
        return Stream.concat(touched.stream(), failedDates().stream()
                        .filter(date -> touched.stream().noneMatch(due -> due.date().equals(date)))
                        .map(date -> new Due(date, null)))
                .sorted((a, b) -> a.date().compareTo(b.date())).toList();
    }

    /** Removes the date's mark unless it was touched again since the run started. */
    public void clearTouch(LocalDate date, String touchId) {
        if (touchId == null) {
            return;
        }
        try {
            table().dynamoDb().updateItem(u -> u.tableName(table().name()).key(key(date))
                    .updateExpression("REMOVE #id, #ms").conditionExpression("#id = :id")
                    .expressionAttributeNames(Map.of("#id", TOUCH_ID, "#ms", TOUCHED_MS))
                    .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(touchId))));
        } catch (ConditionalCheckFailedException touchedAgain) {
            // stays marked: the next poll computes the date again
        }
    }

    /** Dates last touched at or before this moment (epoch ms). */
    private List<Due> touched(long cutoff) {
        return table().dynamoDb().scanPaginator(s -> s.tableName(table().name()).consistentRead(true)
                        .filterExpression("#ms <= :cutoff")
                        .expressionAttributeNames(Map.of("#ms", TOUCHED_MS))
                        .expressionAttributeValues(Map.of(":cutoff", AttributeValue.fromN(Long.toString(cutoff)))))
                .items().stream().map(item -> new Due(LocalDate.parse(item.get(KPI_DATE).s()), item.get(TOUCH_ID).s()))
                .sorted((a, b) -> a.date().compareTo(b.date())).toList();
    }
}
