package io.tripflow.dynamodb;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A DynamoDB table whose items double as leases (KPI runs, file claims): an item is held by one
 * owner, this instance, until an expiry that a conditional write checks against the clock.
 *
 * @param lease how long a lease taken or renewed now lasts
 * @param owner names this instance in the leases it holds (host and a unique id)
 */
public record LeaseTable(DynamoDbClient dynamoDb, String name, Clock clock, Duration lease, String owner) {

    /** The status of an item whose lease is held. */
    public static final String RUNNING = "RUNNING";
    /** Who holds an item's lease. */
    public static final String OWNER = "lease_owner";
    /** Until when, in epoch milliseconds. */
    public static final String LEASE_UNTIL = "lease_until_epoch_ms";

    public Instant now() {
        return clock.instant();
    }

    /** When a lease taken at this moment expires, as the epoch milliseconds the items store. */
    public AttributeValue expiryFrom(Instant now) {
        return AttributeValue.fromN(Long.toString(now.plus(lease).toEpochMilli()));
    }

    public static AttributeValue epochMillis(Instant at) {
        return AttributeValue.fromN(Long.toString(at.toEpochMilli()));
    }

    public AttributeValue ownerValue() {
        return AttributeValue.fromS(owner);
    }

    /**
     * What a write that takes a lease now names in its expressions: {@code :running} (the status of
     * a held lease), {@code :owner}, {@code :until} (the new expiry), {@code :now} (ISO-8601),
     * {@code :nowMs} (to compare expiries with) and {@code :one} (to count attempts).
     */
    public Map<String, AttributeValue> takingValues(Instant now) {
        return Map.of(
                ":running", AttributeValue.fromS(RUNNING),
                ":owner", ownerValue(),
                ":until", expiryFrom(now),
                ":now", AttributeValue.fromS(now.toString()),
                ":nowMs", epochMillis(now),
                ":one", AttributeValue.fromN("1"));
    }
}
