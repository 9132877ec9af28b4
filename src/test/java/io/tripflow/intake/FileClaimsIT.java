package io.tripflow.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.tripflow.dynamodb.LeaseTable;
import io.tripflow.localstack.TestStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** File claims on the real DynamoDB: one instance per file version at a time, a crashed one's lease taken over. */
class FileClaimsIT {

    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static DynamoDbClient dynamoDb;
    private static String table;

    @BeforeAll
    static void table() {
        Map<String, String> settings = TestStack.freshResources("file-claims", true);
        dynamoDb = TestStack.clients().dynamoDb();
        table = settings.get("tripflow.files.claims-table");
    }

    private static final int MAX_ATTEMPTS = 3;

    private static FileClaims instance(String owner, Instant at) {
        return new FileClaims(new LeaseTable(dynamoDb, table, Clock.fixed(at, ZoneOffset.UTC), LEASE, owner), MAX_ATTEMPTS);
    }

    private static FileReport report(long read, long sent) {
        FileReport report = new FileReport("b", "incoming/x.csv", "e", "a", 10, NOW);
        for (long i = 0; i < read; i++) {
            report.rowRead();
        }
        report.addDelivered((int) sent);
        return report;
    }

    @Test
    void oneInstanceAtATimeAndADoneVersionIsNeverTakenInAgain() {
        FileClaims a = instance("a", NOW);
        FileClaims b = instance("b", NOW.plusSeconds(10));
        FileClaims.Claim first = a.claim("bkt", "incoming/one.csv", "\"v1\"");
        assertEquals(FileClaims.Decision.TAKE, first.decision());
        FileClaims.Claim second = b.claim("bkt", "incoming/one.csv", "\"v1\"");
        assertEquals(FileClaims.Decision.SKIP, second.decision(), "held by another instance");
        assertTrue(b.claim("bkt", "incoming/one.csv", "\"v2\"").owned(), "a new version is a new file");

        a.finished(first, report(3, 3));
        FileClaims.Claim again = b.claim("bkt", "incoming/one.csv", "\"v1\"");
        assertEquals(FileClaims.Decision.DONE, again.decision());
        assertEquals(FileClaims.Status.PROCESSED, again.status());
        var item = item(first.fileId());
        assertEquals("PROCESSED", item.get("claim_status").s());
        assertEquals("3", item.get("events_sent").n());
        assertEquals("1", item.get("attempts").n());
    }

    @Test
    void theLeaseOfACrashedInstanceIsTakenOverAndItsLateRenewalFails() {
        FileClaims.Claim crashed = instance("a", NOW).claim("bkt", "incoming/two.csv", "\"v1\"");
        assertFalse(instance("b", NOW.plus(LEASE).minusSeconds(1)).claim("bkt", "incoming/two.csv", "\"v1\"").owned());
        FileClaims b = instance("b", NOW.plus(LEASE).plusSeconds(1));
        FileClaims.Claim takeover = b.claim("bkt", "incoming/two.csv", "\"v1\"");
        assertTrue(takeover.owned());
        assertThrows(IllegalStateException.class, () -> instance("a", NOW.plus(LEASE).plusSeconds(2)).renew(crashed, report(0, 0)));
        b.renew(takeover, report(0, 0));
        assertEquals("2", item(takeover.fileId()).get("attempts").n());
    }

    @Test
    void aClaimIsRenewedAQuarterOfALeaseAfterItWasLastWrittenNotOnEveryBatch() {
        AtomicReference<Instant> now = new AtomicReference<>(NOW);
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        FileClaims a = new FileClaims(new LeaseTable(dynamoDb, table, clock, LEASE, "a"), MAX_ATTEMPTS);
        FileClaims.Claim claim = a.claim("bkt", "incoming/four.csv", "\"v1\"");
        String claimed = item(claim.fileId()).get(LeaseTable.LEASE_UNTIL).n();
        now.set(NOW.plus(LEASE.dividedBy(4)).minusSeconds(1));
        a.renew(claim, report(40, 40));
        assertEquals(claimed, item(claim.fileId()).get(LeaseTable.LEASE_UNTIL).n(), "not due yet: no write");
        now.set(NOW.plus(LEASE.dividedBy(4)));
        FileReport progress = report(700, 700);
        progress.addBytesRead(52_000);
        a.renew(claim, progress);
        assertEquals(Long.toString(NOW.plus(LEASE.dividedBy(4)).plus(LEASE).toEpochMilli()), item(claim.fileId()).get(LeaseTable.LEASE_UNTIL).n());
        // what tripflow files status lists
        FileClaims.InFlight inFlight = a.inFlight().stream().filter(f -> f.fileId().equals(claim.fileId())).findFirst().orElseThrow();
        assertEquals(new FileClaims.InFlight(claim.fileId(), "a", NOW.plus(LEASE.dividedBy(4)).plus(LEASE), 1, 700, 52_000, null), inFlight);
    }

    @Test
    void aReleasedClaimIsFreeAgainAfterADelayThatDoublesWithEachFailedAttempt() {
        FileClaims a = instance("a", NOW);
        FileClaims.Claim first = a.claim("bkt", "incoming/three.csv", "\"v1\"");
        assertEquals(1, first.attempts());
        assertTrue(instance("b", NOW).heldOrWaiting("bkt", "incoming/three.csv", "\"v1\""), "held: not to be downloaded by another");
        a.release(first, new IllegalStateException("stream down"));
        assertTrue(instance("b", NOW.plusSeconds(9)).heldOrWaiting("bkt", "incoming/three.csv", "\"v1\""), "waiting out its retry delay");
        assertFalse(instance("b", NOW.plusSeconds(11)).heldOrWaiting("bkt", "incoming/three.csv", "\"v1\""));
        assertFalse(instance("b", NOW.plusSeconds(9)).claim("bkt", "incoming/three.csv", "\"v1\"").owned(), "10 s after one failure");
        FileClaims b = instance("b", NOW.plusSeconds(11));
        FileClaims.Claim second = b.claim("bkt", "incoming/three.csv", "\"v1\"");
        assertEquals(2, second.attempts());
        b.release(second, new IllegalStateException("stream down"));
        assertFalse(instance("a", NOW.plusSeconds(11 + 19)).claim("bkt", "incoming/three.csv", "\"v1\"").owned(), "20 s after two");
        assertTrue(instance("a", NOW.plusSeconds(11 + 21)).claim("bkt", "incoming/three.csv", "\"v1\"").owned());
        assertEquals(java.time.Duration.ofMinutes(15), FileClaims.retryDelay(40), "never longer than 15 minutes");
    }

    @Test
    void aFileThatKeepsFailingIsGivenUpWithItsLastErrorAndAVersionGoneWhileReadIsReadAgainInFull() {
        Instant at = NOW;
        FileClaims.Claim claim = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            claim = instance("a", at).claim("bkt", "incoming/five.csv", "\"v1\"");
            assertEquals(FileClaims.Decision.TAKE, claim.decision(), "attempt " + attempt);
            instance("a", at).release(claim, new IllegalStateException("stream down #" + attempt));
            at = at.plus(FileClaims.retryDelay(attempt)).plusSeconds(1);
        }
        FileClaims last = instance("b", at);
        FileClaims.Claim givenUp = last.claim("bkt", "incoming/five.csv", "\"v1\"");
        assertEquals(FileClaims.Decision.GIVE_UP, givenUp.decision());
        assertEquals("java.lang.IllegalStateException: stream down #3", givenUp.lastError());
        FileReport report = report(0, 0);
        report.gaveUp(MAX_ATTEMPTS, givenUp.lastError());
        last.finished(givenUp, report);
        assertEquals("FAILED", item(givenUp.fileId()).get("claim_status").s());
        assertEquals(FileClaims.Decision.DONE, instance("a", at.plusSeconds(60)).claim("bkt", "incoming/five.csv", "\"v1\"").decision(),
                "a failed version still in incoming/ is only moved (to failed/)");

        FileClaims c = instance("c", NOW);
        FileClaims.Claim cut = c.claim("bkt", "incoming/six.csv", "\"v1\"");
        FileReport incomplete = report(5, 5);
        incomplete.cutShort("deleted while read");
        c.finished(cut, incomplete);
        assertEquals("INCOMPLETE", item(cut.fileId()).get("claim_status").s());
        assertEquals(FileClaims.Decision.TAKE, instance("d", NOW.plusSeconds(1)).claim("bkt", "incoming/six.csv", "\"v1\"").decision(),
                "the same bytes dropped again are read again in full");
    }

    @Test
    void whileTheClaimsTableCannotBeReachedFilesAreLeftUnreadNotFailedInATightLoop() {
        FileClaims unreachable = new FileClaims(new LeaseTable(dynamoDb, "no-such-claims-table", Clock.fixed(NOW, ZoneOffset.UTC), LEASE, "a"),
                MAX_ATTEMPTS);
        assertEquals(FileClaims.Decision.SKIP, unreachable.claim("bkt", "incoming/seven.csv", "\"v1\"").decision());
        assertEquals(FileClaims.Decision.SKIP, unreachable.claim("bkt", "incoming/seven.csv", "\"v1\"").decision(),
                "within the backoff, without asking DynamoDB again");
    }

    private static Map<String, AttributeValue> item(String fileId) {
        return dynamoDb.getItem(b -> b.tableName(table).key(Map.of(FileClaims.FILE_ID, AttributeValue.fromS(fileId))).consistentRead(true)).item();
    }
}
