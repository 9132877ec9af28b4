package io.tripflow.trip.kpi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import io.tripflow.dynamodb.LeaseTable;
import io.tripflow.localstack.TestStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The KPI run record as a lease, on DynamoDB Local: one run per date at a time, a crashed run's lease expires. */
class KpiRunsIT {

    private static final Instant NOW = Instant.parse("2026-01-02T00:05:00Z");
    private static final Duration LEASE = Duration.ofMinutes(15);
    private static DynamoDbClient dynamoDb;
    private static String table;

    @BeforeAll
    static void createTable() {
        dynamoDb = TestStack.clients().dynamoDb();
        table = "kpi-runs-it-" + System.nanoTime();
        dynamoDb.createTable(KpiRuns.tableRequest(table));
    }

    private static KpiRuns instance(String owner, Instant at) {
        return new KpiRuns(new LeaseTable(dynamoDb, table, Clock.fixed(at, ZoneOffset.UTC), LEASE, owner));
    }

    @Test
    void aSecondInstanceCannotStartADateWhileTheFirstHoldsItsLease() {
        LocalDate date = LocalDate.of(2026, 1, 1);
        KpiRuns.Run first = instance("a", NOW).start(date);
        assertNotNull(first);
        assertNull(instance("b", NOW.plusSeconds(60)).start(date), "the lease is held");
        assertNotNull(instance("b", NOW.plusSeconds(60)).start(LocalDate.of(2025, 12, 31)), "other dates are free");

        instance("a", NOW.plusSeconds(120)).recordSuccess(first, 42, "f1", true);
        KpiRuns.Run second = instance("b", NOW.plusSeconds(180)).start(date);
        assertNotNull(second, "a finished run leaves the date free");
        assertEquals("f1", second.previousFingerprint(), "the next run knows what was last written");
        var record = KpiRunRecords.lastRun(table, date);
        assertEquals("RUNNING", record.get(KpiRuns.STATUS).s());
        assertEquals("42", record.get(KpiRuns.TRIPS).n());
        assertEquals("2", record.get(KpiRuns.RUNS).n());
    }

    @Test
    void theLeaseOfACrashedRunExpiresAndTheLateFinishOfThatRunIsIgnored() {
        LocalDate date = LocalDate.of(2025, 6, 1);
        KpiRuns.Run crashed = instance("a", NOW).start(date);
        assertNull(instance("b", NOW.plus(LEASE).minusSeconds(1)).start(date));
        KpiRuns.Run takeover = instance("b", NOW.plus(LEASE).plusSeconds(1)).start(date);
        assertNotNull(takeover);

        instance("a", NOW.plus(LEASE).plusSeconds(5)).failed(crashed, new IllegalStateException("woke up late"));
        assertEquals("RUNNING", KpiRunRecords.lastRun(table, date).get(KpiRuns.STATUS).s(), "not the stale run's to record");
        instance("b", NOW.plus(LEASE).plusSeconds(9)).recordSuccess(takeover, 7, "f", true);
        assertEquals("SUCCEEDED", KpiRunRecords.lastRun(table, date).get(KpiRuns.STATUS).s());
    }

    @Test
    void failedRunsAreRecordedWithTheirErrorAndListedForRetry() {
        LocalDate date = LocalDate.of(2024, 2, 29);
        KpiRuns runs = instance("a", NOW);
        runs.failed(runs.start(date), new IllegalStateException("S3 unreachable"));
        var record = KpiRunRecords.lastRun(table, date);
        assertEquals("FAILED", record.get(KpiRuns.STATUS).s());
        assertEquals("java.lang.IllegalStateException: S3 unreachable", record.get(KpiRuns.ERROR).s());
        assertNotNull(record.get(KpiRuns.FINISHED));
        assertEquals(List.of(date), runs.failedDates().stream().filter(d -> d.equals(date)).toList());

        runs.recordSuccess(runs.start(date), 0, "f", true);
        assertEquals(List.of(), runs.failedDates().stream().filter(d -> d.equals(date)).toList());
        assertNull(KpiRunRecords.lastRun(table, date).get(KpiRuns.ERROR), "a new run clears the old error");
    }
}
