package io.tripflow.intake;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.tripflow.dynamodb.LeaseTable;
import io.tripflow.dynamodb.TableShapes;
import io.tripflow.engine.RouteVariables;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * One claim per file version (bucket, key, ETag), as a DynamoDB item that is also a lease: a file is
 * processed by one instance at a time, across replicas and crashes. Camel's in-progress and
 * idempotent repositories are per JVM, so the claim is a conditional write: it is taken only if the
 * version was never claimed, or its claim is RUNNING with an expired lease (its owner crashed, or a
 * failed attempt's retry delay is over), or the version vanished while it was read (INCOMPLETE: the
 * same bytes back are read again in full). Once processed, the version's item records the outcome
 * and its counts, and the same content uploaded again under the same key (the same ETag) is not
 * processed again. A version that failed {@code maxAttempts} times for reasons not its own is given
 * up (FAILED), visibly, rather than retried for ever.
 */
public class FileClaims {

    public static final String FILE_ID = "file_id";
    static final String STATUS = "claim_status";
    static final String ATTEMPTS = "attempts";
    static final String LAST_ERROR = "last_error";
    /** Rows and bytes of the file read when the claim was last renewed. */
    static final String ROWS_DONE = "rows_done";
    static final String BYTES_DONE = "bytes_done";

    /** A version's claim: RUNNING while an instance holds it (or it waits to be retried), then how it ended. */
    public enum Status { RUNNING, PROCESSED, REJECTED, FAILED, INCOMPLETE }

    /** What the intake does with a file, as its claim decides. */
    public enum Decision {
        /** this instance holds the claim: read the file */
        TAKE,
        /** another instance holds it, or it waits out its retry delay, or the claims are unreachable: leave it unread */
        SKIP,
        /** the version was done before (the same bytes again, or a move that failed): only its move is left */
        DONE,
        /** this instance holds it, but it failed too often: report the last error and move it to failed/ */
        GIVE_UP
    }

    /**
     * What {@link #claim} found.
     *
     * @param status RUNNING when this instance now holds the claim (owned), or when another does;
     *        how the version ended when it is done already
     * @param lastError why the last attempt failed, if one did
     */
    public record Claim(String fileId, String owner, Status status, boolean owned, int attempts, String lastError, Decision decision) {
    }

    /** A failed file is tried again after this, twice as long after each further failure, up to {@link #LONGEST_RETRY_DELAY}. */
    static final Duration FIRST_RETRY_DELAY = Duration.ofSeconds(10);
    static final Duration LONGEST_RETRY_DELAY = Duration.ofMinutes(15);
    /** How much of a failure a claim keeps. */
    static final int MAX_ERROR_CHARS = 1_000;

    /** A version's item: taken again once its lease expired, or when it vanished while read (the same bytes back are read in full). */
    private static final LeaseTable.Items ITEMS = new LeaseTable.Items(STATUS, ATTEMPTS, "#status = :incomplete",
            Map.of(":incomplete", AttributeValue.fromS(Status.INCOMPLETE.name())));
    private static final Logger LOG = LoggerFactory.getLogger(FileClaims.class);

    private final LeaseTable table;
    private final int maxAttempts;
    /** When this instance last wrote each claim it holds: a renewal is due a quarter of a lease later. */
    private final Map<String, Instant> writtenAt = new ConcurrentHashMap<>();
    /** While the claims table cannot be reached, files are left unread until then, backing off as for a failed file. */
    private volatile Instant unreachableUntil = Instant.MIN;
    private final AtomicInteger unreachableTimes = new AtomicInteger();

    /** @param maxAttempts attempts after which a file that keeps failing is given up */
    public FileClaims(LeaseTable table, int maxAttempts) {
        this.table = table;
        this.maxAttempts = maxAttempts;
    }

    /** Takes the claim of this version of the file if nobody holds it and it was never processed; says what to do with the file. */
    public Claim claim(@Header(AWS2S3Constants.BUCKET_NAME) String bucket, @Header(AWS2S3Constants.KEY) String key,
            @Header(AWS2S3Constants.E_TAG) String etag) {
        String fileId = bucket + "/" + key + "#" + etag;
        Instant now = table.now();
        if (now.isBefore(unreachableUntil)) {
            return new Claim(fileId, null, Status.RUNNING, false, 0, null, Decision.SKIP);
        }
        try {
            Map<String, AttributeValue> taken = table.take(ITEMS, key(fileId), List.of(), ReturnValue.ALL_NEW);
            reachable();
            if (taken == null) {
                Map<String, AttributeValue> item = table.dynamoDb().getItem(b -> b.tableName(table.name()).key(key(fileId)).consistentRead(true))
                        .item();
                Status status = item == null || item.get(STATUS) == null ? Status.RUNNING : Status.valueOf(item.get(STATUS).s());
                AttributeValue attempts = item == null ? null : item.get(ATTEMPTS);
                return new Claim(fileId, item == null ? null : text(item, LeaseTable.OWNER), status, false,
                        attempts == null ? 0 : Integer.parseInt(attempts.n()), item == null ? null : text(item, LAST_ERROR),
                        status == Status.RUNNING ? Decision.SKIP : Decision.DONE);
            }
            writtenAt.put(fileId, now);
            int attempts = Integer.parseInt(taken.get(ATTEMPTS).n());
            return new Claim(fileId, table.owner(), Status.RUNNING, true, attempts, text(taken, LAST_ERROR),
                    attempts > maxAttempts ? Decision.GIVE_UP : Decision.TAKE);
        } catch (SdkException unreachable) {
            Duration delay = retryDelay(unreachableTimes.incrementAndGet());
            unreachableUntil = now.plus(delay);
            LOG.warn("The file claims table {} cannot be reached ({}); files are left unread for {}", table.name(), unreachable.getMessage(), delay);
            return new Claim(fileId, null, Status.RUNNING, false, 0, null, Decision.SKIP);
        }
    }

    /**
     * True when this version's claim is held (by any instance) or waits out its retry delay, or the
     * claims cannot be reached: the file is left unread now. A read, not a write: {@link #claim} decides.
     */
    public boolean heldOrWaiting(String bucket, String key, String etag) {
        Instant now = table.now();
        if (now.isBefore(unreachableUntil)) {
            return true;
        }
        try {
            Map<String, AttributeValue> item = table.dynamoDb().getItem(b -> b.tableName(table.name()).key(key(bucket + "/" + key + "#" + etag))
                    .consistentRead(true)).item();
            return item != null && item.get(STATUS) != null && Status.RUNNING.name().equals(item.get(STATUS).s())
                    && item.get(LeaseTable.LEASE_UNTIL) != null && Long.parseLong(item.get(LeaseTable.LEASE_UNTIL).n()) >= now.toEpochMilli();
        } catch (SdkException unreachable) {
            // the claim, next, backs off
            return false;
        }
    }

    private void reachable() {
        if (unreachableTimes.getAndSet(0) > 0) {
            LOG.info("The file claims table {} can be reached again", table.name());
        }
    }

    /**
     * Extends the lease while the file is still streaming, once a quarter of it has passed since the
     * claim was last written: called for every batch, it writes a few times a lease, not hundreds of
     * times a file, and leaves three chances to renew before the lease runs out. Each write records
     * the rows and bytes read so far ({@code tripflow files status} shows them) and says so in the log.
     *
     * @throws IllegalStateException when another instance has taken the claim over (this one was
     *         too slow to renew): the file is then theirs to finish
     */
    public void renew(@ExchangeProperty(RouteVariables.FILE_CLAIM) Claim claim, @ExchangeProperty(RouteVariables.FILE_REPORT) FileReport report) {
        Instant now = table.now();
        Instant written = writtenAt.get(claim.fileId());
        if (written != null && now.isBefore(written.plus(table.lease().dividedBy(4)))) {
            return;
        }
        if (!updateWhileHeld(claim, "SET #until = :until, " + ROWS_DONE + " = :rows, " + BYTES_DONE + " = :bytes", Map.of(
                ":until", table.expiryFrom(now),
                ":rows", AttributeValue.fromN(Long.toString(report.rowsRead())),
                ":bytes", AttributeValue.fromN(Long.toString(report.bytesRead()))))) {
            writtenAt.remove(claim.fileId());
            throw new IllegalStateException("the claim of " + claim.fileId() + " was taken over by another instance");
        }
        writtenAt.put(claim.fileId(), now);
        LOG.info("Taking in {}: {} rows, {} bytes read so far", claim.fileId(), report.rowsRead(), report.bytesRead());
    }

    /** A version being taken in, or waiting to be retried, as its claim tells. */
    public record InFlight(String fileId, String owner, Instant leaseUntil, int attempts, long rowsDone, long bytesDone, String lastError) {
    }

    /** Every claim still RUNNING: files being taken in (with their progress) or waiting to be retried. A Scan: few items are RUNNING. */
    public List<InFlight> inFlight() {
        return table.dynamoDb().scanPaginator(b -> b.tableName(table.name()).consistentRead(true).filterExpression("#status = :running")
                        .expressionAttributeNames(Map.of("#status", STATUS))
                        .expressionAttributeValues(Map.of(":running", AttributeValue.fromS(LeaseTable.RUNNING))))
                .items().stream().map(item -> new InFlight(text(item, FILE_ID), text(item, LeaseTable.OWNER),
                        Instant.ofEpochMilli(number(item, LeaseTable.LEASE_UNTIL)), (int) number(item, ATTEMPTS), number(item, ROWS_DONE),
                        number(item, BYTES_DONE), text(item, LAST_ERROR)))
                .sorted((x, y) -> x.fileId().compareTo(y.fileId())).toList();
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? 0 : Long.parseLong(value.n());
    }

    /** Records how the file ended and its counts; the claim is no longer a lease. */
    public void finished(@ExchangeProperty(RouteVariables.FILE_CLAIM) Claim claim,
            @ExchangeProperty(RouteVariables.FILE_REPORT) FileReport report) {
        writtenAt.remove(claim.fileId());
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":status", AttributeValue.fromS(statusOf(report).name()));
        values.put(":now", AttributeValue.fromS(table.now().toString()));
        values.put(":read", AttributeValue.fromN(Long.toString(report.rowsRead())));
        values.put(":sent", AttributeValue.fromN(Long.toString(report.rowsDelivered())));
        values.put(":rejected", AttributeValue.fromN(Long.toString(report.rowsRejected())));
        if (!table.updateWhileOwned(ITEMS, key(claim.fileId()), table.owner(), false,
                "SET #status = :status, finished_at = :now, rows_read = :read, #delivered = :sent, rows_rejected = :rejected REMOVE #until",
                Map.of("#delivered", report.deliveredName()), values)) {
            LOG.warn("{} was taken over by another instance before this one finished it; its outcome is theirs to record", claim.fileId());
        }
    }

    private static Status statusOf(FileReport report) {
        return switch (report.outcome()) {
            case FileReport.REJECTED -> Status.REJECTED;
            case FileReport.FAILED -> Status.FAILED;
            case FileReport.INCOMPLETE -> Status.INCOMPLETE;
            default -> Status.PROCESSED;
        };
    }

    /**
     * Gives a claim up after a failure that is not the file's (a stream or a store down), keeping
     * why: any instance tries the file again once {@link #retryDelay} has passed, until it has
     * failed {@code maxAttempts} times and is given up.
     */
    public void release(@ExchangeProperty(RouteVariables.FILE_CLAIM) Claim claim, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure) {
        if (claim != null && claim.owned()) {
            writtenAt.remove(claim.fileId());
            String error = String.valueOf(failure);
            // false when taken over or finished meanwhile: then nothing of ours is left to release
            updateWhileHeld(claim, "SET #until = :until, " + LAST_ERROR + " = :error", Map.of(
                    ":until", LeaseTable.epochMillis(table.now().plus(retryDelay(claim.attempts()))),
                    ":error", AttributeValue.fromS(error.length() <= MAX_ERROR_CHARS ? error : error.substring(0, MAX_ERROR_CHARS) + "…")));
        }
    }

    /** Forgets a version's claim, however it ended: the same bytes dropped again are taken in as a new file. */
    public void forget(String bucket, String key, String etag) {
        table.dynamoDb().deleteItem(b -> b.tableName(table.name()).key(key(bucket + "/" + key + "#" + etag)));
    }

    /** 10 s after the first failed attempt, 20 s after the second, 40 s after the third, … at most 15 minutes. */
    static Duration retryDelay(int attempts) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 16);
        Duration delay = FIRST_RETRY_DELAY.multipliedBy(1L << doublings);
        return delay.compareTo(LONGEST_RETRY_DELAY) > 0 ? LONGEST_RETRY_DELAY : delay;
    }

    /** Updates the claim (its lease expiry as #until) if this instance still holds it; false when it does not. */
    private boolean updateWhileHeld(Claim claim, String update, Map<String, AttributeValue> values) {
        return table.updateWhileOwned(ITEMS, key(claim.fileId()), table.owner(), true, update, Map.of(), values);
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static Map<String, AttributeValue> key(String fileId) {
        return Map.of(FILE_ID, AttributeValue.fromS(fileId));
    }

    /** One item per file version. */
    public static CreateTableRequest tableRequest(String table) {
        return TableShapes.keyed(table, FILE_ID);
    }
}
