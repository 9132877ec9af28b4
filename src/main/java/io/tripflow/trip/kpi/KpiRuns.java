package io.tripflow.trip.kpi;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tripflow.dynamodb.LeaseTable;
import io.tripflow.dynamodb.TableShapes;
import io.tripflow.engine.RouteVariables;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The record of KPI runs, one DynamoDB item per date: status, start, finish, trips counted, error,
 * and the fingerprint of the figures last written. The item doubles as a lease, so that several
 * instances never compute the same date at the same time: a run starts only if no other run of
 * that date is RUNNING with an unexpired lease (a crashed run's lease simply expires).
 */
public class KpiRuns {

    public static final String KPI_DATE = "kpi_date";
    static final String STATUS = "run_status";
    static final String FINISHED = "finished_at";
    static final String TRIPS = "trips_counted";
    static final String ERROR = "error";
    static final String FINGERPRINT = "figures_fingerprint";
    static final String OUTPUT_WRITTEN = "output_written";
    static final String RUNS = "runs";

    /** The statuses a date's last run can have. */
    public enum Status { RUNNING, SUCCEEDED, FAILED }

    /**
     * A started run, holding the date's lease.
     *
     * @param previousFingerprint the figures last written for the date, null if none
     */
    public record Run(LocalDate date, String owner, String previousFingerprint) {
    }

    /** A date's item: taken again once its run finished, however it ended, or once its lease expired. */
    private static final LeaseTable.Items ITEMS = new LeaseTable.Items(STATUS, RUNS, "#status <> :running", Map.of());
    private static final Logger LOG = LoggerFactory.getLogger(KpiRuns.class);
    private static final int MAX_ERROR_CHARS = 2_000;

    private final LeaseTable table;

    public KpiRuns(LeaseTable table) {
        this.table = table;
    }

    /** Takes the date's lease and records the run as RUNNING; null while another run holds it. */
    public Run start(LocalDate date) {
        Map<String, AttributeValue> before = table.take(ITEMS, key(date), List.of(FINISHED, ERROR), ReturnValue.ALL_OLD);
        if (before == null) {
            return null;
        }
        AttributeValue fingerprint = before.get(FINGERPRINT);
        return new Run(date, table.owner(), fingerprint == null ? null : fingerprint.s());
    }

    /** True when {@link #start} found the date's lease held by a run of another instance. */
    public boolean heldByAnotherInstance(@ExchangeProperty(RouteVariables.KPI_RUN) Run run) {
        return run == null;
    }

    /**
     * True when the date's files already hold these figures (the fingerprint of the last written
     * report), so there is nothing to write; never when the files are to be rewritten anyway.
     */
    public boolean filesUpToDate(@ExchangeProperty(RouteVariables.KPI_RUN) Run run,
            @ExchangeProperty(RouteVariables.KPI_REPORT) DailyReport report, @Header(RouteVariables.KPI_FORCE) Boolean force) {
        return upToDate(run, report.fingerprint(), force);
    }

    /** Records the run as SUCCEEDED, with what it counted and whether it wrote the files. */
    public void succeeded(@ExchangeProperty(RouteVariables.KPI_RUN) Run run,
            @ExchangeProperty(RouteVariables.KPI_REPORT) DailyReport report, @Header(RouteVariables.KPI_FORCE) Boolean force) {
        String fingerprint = report.fingerprint();
        recordSuccess(run, report.kpi().countTrips(), fingerprint, !upToDate(run, fingerprint, force));
    }

    private static boolean upToDate(Run run, String fingerprint, Boolean force) {
        return !Boolean.TRUE.equals(force) && fingerprint.equals(run.previousFingerprint());
    }

    public void recordSuccess(Run run, long trips, String fingerprint, boolean written) {
        finish(run, "SET #status = :status, #finished = :now, #trips = :trips, #fingerprint = :fingerprint, #written = :written",
                Map.of("#trips", TRIPS, "#fingerprint", FINGERPRINT, "#written", OUTPUT_WRITTEN),
                Map.of(":status", AttributeValue.fromS(Status.SUCCEEDED.name()),
                        ":trips", AttributeValue.fromN(Long.toString(trips)),
                        ":fingerprint", AttributeValue.fromS(fingerprint),
                        ":written", AttributeValue.fromBool(written)));
    }

    /** Records the failure; the next trigger runs the date again (see {@link #failedDates()}). */
    public void failed(@ExchangeProperty(RouteVariables.KPI_RUN) Run run, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable error) {
        if (run == null) {
            return; // failed before it held the lease: nothing of ours to record
        }
        String message = String.valueOf(error);
        finish(run, "SET #status = :status, #finished = :now, #error = :error",
                Map.of("#error", ERROR),
                Map.of(":status", AttributeValue.fromS(Status.FAILED.name()),
                        ":error", AttributeValue.fromS(message.length() > MAX_ERROR_CHARS ? message.substring(0, MAX_ERROR_CHARS) : message)));
    }

    /** Dates whose last run failed: retried on the next trigger, however old. A Scan, as the table holds one small item per date. */
    public List<LocalDate> failedDates() {
        return table.dynamoDb().scanPaginator(b -> b.tableName(table.name()).consistentRead(true)
                        .filterExpression("#status = :failed")
                        .projectionExpression("#date")
                        .expressionAttributeNames(Map.of("#status", STATUS, "#date", KPI_DATE))
                        .expressionAttributeValues(Map.of(":failed", AttributeValue.fromS(Status.FAILED.name()))))
                .items().stream().map(item -> LocalDate.parse(item.get(KPI_DATE).s())).sorted().toList();
    }

    private void finish(Run run, String update, Map<String, String> names, Map<String, AttributeValue> values) {
        var allNames = new HashMap<>(names);
        allNames.put("#finished", FINISHED);
        var allValues = new HashMap<>(values);
        allValues.put(":now", AttributeValue.fromS(table.now().toString()));
        // only while the lease is still ours: a run that outlived it must not overwrite the record of the run that took over
        if (!table.updateWhileOwned(ITEMS, key(run.date()), run.owner(), false, update, allNames, allValues)) {
            LOG.warn("The KPI run of {} outlived its lease; another instance has taken the date over", run.date());
        }
    }

    /** The table of the runs, for a subclass's own attributes on the same items. */
    protected LeaseTable table() {
        return table;
    }

    /** A date's item. */
    protected static Map<String, AttributeValue> key(LocalDate date) {
        return Map.of(KPI_DATE, AttributeValue.fromS(date.toString()));
    }

    /** One item per date (trip dates, or order dates for {@code OrderKpiRuns}). */
    public static CreateTableRequest tableRequest(String table) {
        return TableShapes.keyed(table, KPI_DATE);
    }
}
