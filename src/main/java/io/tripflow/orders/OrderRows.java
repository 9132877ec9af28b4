package io.tripflow.orders;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

import io.tripflow.aws.Refusals;
import io.tripflow.engine.RouteVariables;
import io.tripflow.intake.FileReport;
import io.tripflow.intake.Finding;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.component.jsonvalidator.JsonValidationException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The steps of the order-files flow (order-files.yaml) that store a batch of validated shop rows:
 * the orders and products its items refer to, read together; each row checked by the rules its
 * schema cannot express and put into the state; the report told what became of it; the order dates
 * the batch touched marked for their KPIs.
 */
public class OrderRows {

    /** What the report calls a row stored in the state (new, or newer than the stored version). */
    public static final String ROWS_STORED = "rows_stored";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final OrderState state;
    private final OrderKpiRuns runs;
    private final Clock clock;

    public OrderRows(DynamoDbClient dynamoDb, String table, OrderState state, OrderKpiRuns runs, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.state = state;
        this.runs = runs;
        this.clock = clock;
    }

    /** The stored orders and products the batch's items refer to (none for a batch of orders or products). */
    public OrderReferences references(@Body List<OrderRow> batch) {
        List<String> orders = new ArrayList<>();
        List<String> products = new ArrayList<>();
        for (OrderRow row : batch) {
            if (row.kind() == OrderFileKind.ORDER_ITEMS && row.json().hasNonNull("order_id") && row.json().hasNonNull("product_id")) {
                orders.add(row.json().get("order_id").asText());
                products.add(row.json().get("product_id").asText());
            }
        }
        return orders.isEmpty() ? OrderReferences.NONE : OrderReferences.load(dynamoDb, table, orders, products);
    }

    /** Where the batch's rows, stored from several threads, gather the order dates they touched. */
    public Set<LocalDate> touchedDates() {
        return new ConcurrentSkipListSet<>();
    }

    /**
     * Stores a row its schema has passed.
     *
     * @param lastModified the file's: a row from a file uploaded later replaces the one stored
     * @throws OrderRowRejectedException when a rule rejects the row, or DynamoDB refuses one of its
     *         values (which it would refuse again however often the file is taken in); nothing is stored
     */
    public void store(@ExchangeProperty(RouteVariables.ORDER_ROW) OrderRow row,
            @ExchangeProperty(RouteVariables.ORDER_REFERENCES) OrderReferences references,
            @ExchangeProperty(RouteVariables.ORDER_DATES) Set<LocalDate> dates,
            @ExchangeProperty(RouteVariables.FILE_REPORT) FileReport report,
            @Header(AWS2S3Constants.LAST_MODIFIED) Instant lastModified) throws OrderRowRejectedException {
        OrderRules.Verdict verdict = OrderRules.check(row.kind(), row.json(), clock.instant());
        if (verdict.rejected()) {
            throw new OrderRowRejectedException(verdict.problems());
        }
        OrderState.Outcome outcome;
        try {
            outcome = state.put(row.kind(), row.json(), RowVersion.of(lastModified, row.json()), references);
        } catch (AwsServiceException failure) {
            throw Refusals.refusalIn(failure)
                    .map(refusal -> new OrderRowRejectedException(List.of(new Finding("store_refused", Refusals.reason(refusal)))))
                    .orElseThrow(() -> failure);
        }
        dates.addAll(outcome.dates());
        List<Finding> warnings = new ArrayList<>(row.warnings());
        warnings.addAll(verdict.warnings());
        if (!warnings.isEmpty()) {
            report.rowWarned(row.line(), warnings);
        }
        if (outcome.rejection() != null) {
            // kept in the state, where a corrected order resolves it, but counted nowhere
            report.rowRejected(row.line(), "item_resolution", outcome.rejection());
        } else if (outcome.stored() == OrderState.Stored.STORED) {
            report.addDelivered(1);
        } else {
            report.count(outcome.stored() == OrderState.Stored.DUPLICATE ? "rows_unchanged" : "rows_outdated");
        }
    }

    /** A row its schema, a rule or DynamoDB rejected, in the report with its line and the reasons. */
    public void rejected(@ExchangeProperty(RouteVariables.ORDER_ROW) OrderRow row, @ExchangeProperty(RouteVariables.FILE_REPORT) FileReport report,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure) {
        List<Finding> findings = failure instanceof JsonValidationException invalid && !invalid.getErrors().isEmpty()
                // each by its schema keyword (required, type, minimum, ...)
                ? invalid.getErrors().stream().map(error -> new Finding(error.getType(), error.getMessage()))
                        .sorted(Comparator.comparing(Finding::text)).toList()
                : failure instanceof OrderRowRejectedException rejected ? rejected.findings()
                : List.of(new Finding("unreadable", failure.getMessage()));
        report.rowRejected(row.line(), findings);
    }

    /** The schedule's sweep: items whose order or product arrived unseen are resolved, and their dates marked. */
    public void resolveWaiting() {
        runs.markTouched(state.resolveWaiting());
    }

    /** Marks the dates for their KPI runs (debounced; see order-kpi.yaml). */
    public void markTouched(@ExchangeProperty(RouteVariables.ORDER_DATES) Set<LocalDate> dates) {
        runs.markTouched(dates);
    }
}
