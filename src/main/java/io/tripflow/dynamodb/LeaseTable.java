package io.tripflow.dynamodb;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * A DynamoDB table whose items double as leases (file claims, trip and order KPI runs): an item is
 * held by one owner until an expiry that a conditional write checks against the clock. The rule is
 * written once, here: take an item only while it is free (never taken, or its lease expired, or in a
 * state its user also takes over), and change it afterwards only while still its owner.
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
    /** When the lease was last taken (ISO-8601). */
    public static final String STARTED = "started_at";

    /**
     * What an item's status attribute and taking count are called, and which further statuses may be
     * taken over besides an expired RUNNING one.
     *
     * @param status the attribute holding RUNNING while the lease is held, then how the item ended
     * @param count the attribute counting how often the lease was taken (runs, attempts)
     * @param alsoTakeable a condition on {@code #status} under which a finished item is taken again
     *        (with its values), e.g. {@code #status <> :running}; null for none
     */
    public record Items(String status, String count, String alsoTakeable, Map<String, AttributeValue> alsoValues) {
    }

    public Instant now() {
        return clock.instant();
    }

    /** When a lease taken at this moment expires, as the epoch milliseconds the items store. */
    public AttributeValue expiryFrom(Instant now) {
        return epochMillis(now.plus(lease));
    }

    public static AttributeValue epochMillis(Instant at) {
        return AttributeValue.fromN(Long.toString(at.toEpochMilli()));
    }

    /**
     * Takes the item's lease now if it is free: sets the status RUNNING, this owner, the new expiry
     * and {@value #STARTED}, adds one to the count, and removes the attributes named.
     *
     * @param returned {@link ReturnValue#ALL_OLD} or {@link ReturnValue#ALL_NEW}
     * @return the item as asked, empty when it had no attributes; null while another owner holds it
     */
    public Map<String, AttributeValue> take(Items items, Map<String, AttributeValue> key, List<String> remove, ReturnValue returned) {
        Instant now = now();
        Map<String, String> names = new HashMap<>(Map.of("#status", items.status(), "#owner", OWNER, "#until", LEASE_UNTIL,
                "#started", STARTED, "#count", items.count()));
        StringBuilder update = new StringBuilder("SET #status = :running, #owner = :owner, #until = :until, #started = :now ADD #count :one");
        for (int i = 0; i < remove.size(); i++) {
            names.put("#remove" + i, remove.get(i));
            update.append(i == 0 ? " REMOVE " : ", ").append("#remove").append(i);
        }
        Map<String, AttributeValue> values = new HashMap<>(items.alsoValues());
        values.putAll(Map.of(":running", AttributeValue.fromS(RUNNING), ":owner", AttributeValue.fromS(owner), ":until", expiryFrom(now),
                ":now", AttributeValue.fromS(now.toString()), ":nowMs", epochMillis(now), ":one", AttributeValue.fromN("1")));
        String free = "attribute_not_exists(#status) OR (#status = :running AND #until < :nowMs)"
                + (items.alsoTakeable() == null ? "" : " OR " + items.alsoTakeable());
        try {
            Map<String, AttributeValue> item = dynamoDb.updateItem(b -> b.tableName(name).key(key).updateExpression(update.toString())
                    .conditionExpression(free).expressionAttributeNames(names).expressionAttributeValues(values)
                    .returnValues(returned)).attributes();
            return item == null ? Map.of() : item;
        } catch (ConditionalCheckFailedException held) {
            return null;
        }
    }

    /**
     * Applies the update only while {@code holder} owns the item (and, with {@code whileRunning}, its
     * status is still RUNNING): one that outlived its lease must not overwrite the item of the
     * owner that took over. {@code #owner}, {@code #until} and {@code #status} may be used.
     *
     * @return false when the item is not, or no longer, the holder's
     */
    public boolean updateWhileOwned(Items items, Map<String, AttributeValue> key, String holder, boolean whileRunning, String update,
            Map<String, String> names, Map<String, AttributeValue> values) {
        String condition = whileRunning ? "#owner = :holder AND #status = :running" : "#owner = :holder";
        Map<String, String> allNames = new HashMap<>(names);
        // DynamoDB refuses a name it is given but no expression uses
        Map.of("#owner", OWNER, "#until", LEASE_UNTIL, "#status", items.status()).forEach((placeholder, attribute) -> {
            if ((update + condition).contains(placeholder)) {
                allNames.put(placeholder, attribute);
            }
        });
        Map<String, AttributeValue> allValues = new HashMap<>(values);
        allValues.put(":holder", AttributeValue.fromS(holder));
        if (whileRunning) {
            allValues.put(":running", AttributeValue.fromS(RUNNING));
        }
        try {
            dynamoDb.updateItem(b -> b.tableName(name).key(key).updateExpression(update).conditionExpression(condition)
                    .expressionAttributeNames(allNames).expressionAttributeValues(allValues));
            return true;
        } catch (ConditionalCheckFailedException notOwned) {
            return false;
        }
    }
}
