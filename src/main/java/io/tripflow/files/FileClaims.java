package io.tripflow.files;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.tripflow.config.LeaseTable;
import io.tripflow.config.RouteVariables;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * One claim per file version (bucket, key, ETag), as a DynamoDB item that is also a lease: a file is
 * processed by one instance at a time, across replicas and crashes. Camel's in-progress and
 * idempotent repositories are per JVM, so the claim is a conditional write: it is taken only if the
 * version was never claimed, or its claim is RUNNING with an expired lease (its owner crashed). Once
 * processed, the version's item records the outcome and its counts, and the same content uploaded
 * again under the same key (the same ETag) is not processed again.
 */
public class FileClaims {

    public static final String FILE_ID = "file_id";
    static final String STATUS = "claim_status";

    /** A version's claim: RUNNING while an instance holds it, then how it ended. */
    public enum Status { RUNNING, PROCESSED, REJECTED }

    /**
     * What {@link #claim} found.
     *
     * @param status RUNNING when this instance now holds the claim (owned), or when another does;
     *        PROCESSED or REJECTED when the version is done already
     */
    public record Claim(String fileId, String owner, Status status, boolean owned, int attempts) {
    }

    /** A failed file is tried again after this, twice as long after each further failure, up to {@link #LONGEST_RETRY_DELAY}. */
    static final Duration FIRST_RETRY_DELAY = Duration.ofSeconds(10);
    static final Duration LONGEST_RETRY_DELAY = Duration.ofMinutes(15);

    private static final Logger LOG = LoggerFactory.getLogger(FileClaims.class);

    private final LeaseTable table;
    /** When this instance last wrote each claim it holds: a renewal is due a quarter of a lease later. */
    private final Map<String, Instant> writtenAt = new ConcurrentHashMap<>();

    public FileClaims(LeaseTable table) {
        this.table = table;
    }

    /** Takes the claim of this version of the file if nobody holds it and it was never processed. */
    public Claim claim(@Header(AWS2S3Constants.BUCKET_NAME) String bucket, @Header(AWS2S3Constants.KEY) String key,
            @Header(AWS2S3Constants.E_TAG) String etag) {
        String fileId = bucket + "/" + key + "#" + etag;
        Instant now = table.now();
        try {
            Map<String, AttributeValue> taken = table.dynamoDb().updateItem(b -> b.tableName(table.name()).key(key(fileId))
                    .updateExpression("SET #status = :running, #owner = :owner, #until = :until, started_at = :now ADD attempts :one")
                    .conditionExpression("attribute_not_exists(#status) OR (#status = :running AND #until < :nowMs)")
                    .expressionAttributeNames(Map.of("#status", STATUS, "#owner", LeaseTable.OWNER, "#until", LeaseTable.LEASE_UNTIL))
                    .expressionAttributeValues(table.takingValues(now))
                    .returnValues(ReturnValue.UPDATED_NEW)).attributes();
            writtenAt.put(fileId, now);
            return new Claim(fileId, table.owner(), Status.RUNNING, true, Integer.parseInt(taken.get("attempts").n()));
        } catch (ConditionalCheckFailedException held) {
            Map<String, AttributeValue> item = table.dynamoDb().getItem(b -> b.tableName(table.name()).key(key(fileId)).consistentRead(true)).item();
            AttributeValue status = item == null ? null : item.get(STATUS);
            AttributeValue holder = item == null ? null : item.get(LeaseTable.OWNER);
            AttributeValue attempts = item == null ? null : item.get("attempts");
            return new Claim(fileId, holder == null ? null : holder.s(),
                    status == null ? Status.RUNNING : Status.valueOf(status.s()), false, attempts == null ? 0 : Integer.parseInt(attempts.n()));
        }
    }

    /** True when another instance is processing this version right now. */
    public boolean heldByAnotherInstance(@ExchangeProperty(RouteVariables.FILE_CLAIM) Claim claim) {
        return !claim.owned() && claim.status() == Status.RUNNING;
    }

    /** True when this version was processed (or rejected) already: only its move is left to do. */
    public boolean alreadyDone(@ExchangeProperty(RouteVariables.FILE_CLAIM) Claim claim) {
        return !claim.owned() && claim.status() != Status.RUNNING;
    }

    /**
     * Extends the lease while the file is still streaming, once a quarter of it has passed since the
     * claim was last written: called for every batch, it writes a few times a lease, not hundreds of
     * times a file, and leaves three chances to renew before the lease runs out.
     *
     * @throws IllegalStateException when another instance has taken the claim over (this one was
     *         too slow to renew): the file is then theirs to finish
     */
    public void renew(@ExchangeProperty(RouteVariables.FILE_CLAIM) Claim claim) {
        Instant now = table.now();
        Instant written = writtenAt.get(claim.fileId());
        if (written != null && now.isBefore(written.plus(table.lease().dividedBy(4)))) {
            return;
        }
        if (!setExpiryWhileHeld(claim, table.expiryFrom(now))) {
            writtenAt.remove(claim.fileId());
            throw new IllegalStateException("the claim of " + claim.fileId() + " was taken over by another instance");
        }
        writtenAt.put(claim.fileId(), now);
    }

    /** Records how the file ended and its counts; the claim is no longer a lease. */
    public void finished(@ExchangeProperty(RouteVariables.FILE_CLAIM) Claim claim,
            @ExchangeProperty(RouteVariables.FILE_REPORT) FileReport report) {
        writtenAt.remove(claim.fileId());
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":status", AttributeValue.fromS((report.fileRejected() ? Status.REJECTED : Status.PROCESSED).name()));
        values.put(":now", AttributeValue.fromS(table.now().toString()));
        values.put(":read", AttributeValue.fromN(Long.toString(report.rowsRead())));
        values.put(":sent", AttributeValue.fromN(Long.toString(report.rowsDelivered())));
        values.put(":rejected", AttributeValue.fromN(Long.toString(report.rowsRejected())));
        values.put(":owner", table.ownerValue());
        try {
            table.dynamoDb().updateItem(b -> b.tableName(table.name()).key(key(claim.fileId()))
                    .updateExpression("SET #status = :status, finished_at = :now, rows_read = :read, #delivered = :sent, "
                            + "rows_rejected = :rejected REMOVE #until")
                    .conditionExpression("#owner = :owner")
                    .expressionAttributeNames(Map.of("#status", STATUS, "#until", LeaseTable.LEASE_UNTIL, "#owner", LeaseTable.OWNER,
                            "#delivered", report.deliveredName()))
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException taken) {
            LOG.warn("{} was taken over by another instance before this one finished it; its outcome is theirs to record", claim.fileId());
        }
    }

    /**
     * Gives a claim up after a failure: any instance tries the file again once
     * {@link #retryDelay} has passed. A file is never rejected for a failure that is not its own
     * (a stream or a store down): it is tried again, less and less often, until it goes through.
     */
    public void release(@ExchangeProperty(RouteVariables.FILE_CLAIM) Claim claim) {
        if (claim != null && claim.owned()) {
            writtenAt.remove(claim.fileId());
            // false when already taken over or finished: then nothing of ours is left to release
            setExpiryWhileHeld(claim, LeaseTable.epochMillis(table.now().plus(retryDelay(claim.attempts()))));
        }
    }

    /** 10 s after the first failed attempt, 20 s after the second, 40 s after the third, … at most 15 minutes. */
    static Duration retryDelay(int attempts) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 16);
        Duration delay = FIRST_RETRY_DELAY.multipliedBy(1L << doublings);
        return delay.compareTo(LONGEST_RETRY_DELAY) > 0 ? LONGEST_RETRY_DELAY : delay;
    }

    /** Sets the claim's lease expiry if this instance still holds it; false when it does not. */
    private boolean setExpiryWhileHeld(Claim claim, AttributeValue until) {
        try {
            table.dynamoDb().updateItem(b -> b.tableName(table.name()).key(key(claim.fileId()))
                    .updateExpression("SET #until = :until")
                    .conditionExpression("#owner = :owner AND #status = :running")
                    .expressionAttributeNames(Map.of("#until", LeaseTable.LEASE_UNTIL, "#owner", LeaseTable.OWNER, "#status", STATUS))
                    .expressionAttributeValues(Map.of(":until", until, ":owner", table.ownerValue(),
                            ":running", AttributeValue.fromS(LeaseTable.RUNNING))));
            return true;
        } catch (ConditionalCheckFailedException notHeld) {
            return false;
        }
    }

    private static Map<String, AttributeValue> key(String fileId) {
        return Map.of(FILE_ID, AttributeValue.fromS(fileId));
    }
}
