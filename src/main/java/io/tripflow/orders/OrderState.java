package io.tripflow.orders;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tripflow.dynamodb.Update;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Validated shop rows as state, one item per row key, idempotently: the same row again changes
 * nothing, a newer version replaces the older. Items are resolved against their order and product
 * (files come in any order): once both exist, the item takes its order's date and its product's
 * category and counts in that date's KPIs; until then it waits, listed in the waiting index.
 * Resolution after a write can miss an item that an index does not show yet (GSIs are eventually
 * consistent); {@link #resolveWaiting()} sweeps the waiting ones and heals that.
 */
public class OrderState {

    /** What storing a row did. */
    public enum Stored { STORED, DUPLICATE, STALE }

    private static final int MAX_ROUNDS = 5;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    public OrderState(DynamoDbClient dynamoDb, String table, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
    }

    /** @param version orders the row's versions: the file's LastModified, then a digest of the row */
    public Stored put(OrderFileKind kind, JsonNode row, String version) {
        String id = row.get(kind.keyColumn()).asText();
        Map<String, AttributeValue> item = attributesOf(kind, row);
        item.put(OrderStateTable.PK, text(OrderStateTable.key(kind, id)));
        item.put(OrderStateTable.KIND, text(kind.schemaName()));
        item.put(OrderStateTable.VERSION, text(version));
        Stored stored;
        try {
            dynamoDb.putItem(p -> p.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#pk) OR #version < :version")
                    .expressionAttributeNames(Map.of("#pk", OrderStateTable.PK, "#version", OrderStateTable.VERSION))
                    .expressionAttributeValues(Map.of(":version", text(version))));
            stored = Stored.STORED;
        } catch (ConditionalCheckFailedException notNewer) {
            stored = version.equals(get(OrderStateTable.key(kind, id)).get(OrderStateTable.VERSION).s()) ? Stored.DUPLICATE : Stored.STALE;
        }
        // also after a duplicate: a crash between the write and the resolution is healed by the row's redelivery
        switch (kind) {
            case ORDERS -> resolveItemsBy(OrderStateTable.ITEMS_BY_ORDER_INDEX, ITEM_ORDER, id);
            case PRODUCTS -> resolveItemsBy(OrderStateTable.ITEMS_BY_PRODUCT_INDEX, ITEM_PRODUCT, id);
            case ORDER_ITEMS -> resolve(OrderStateTable.key(kind, id));
        }
        return stored;
    }

    /** Resolves every waiting item whose order and product have arrived since; returns how many still wait. */
    public long resolveWaiting() {
        long waiting = 0;
        var pages = dynamoDb.queryPaginator(q -> q.tableName(table).indexName(OrderStateTable.WAITING_INDEX)
                .keyConditionExpression("#w = :w").expressionAttributeNames(Map.of("#w", WAITING_PARTITION))
                .expressionAttributeValues(Map.of(":w", text(OrderStateTable.WAITING_PARTITION))));
        for (Map<String, AttributeValue> item : pages.items()) {
            waiting += resolve(item.get(OrderStateTable.PK).s()) ? 0 : 1;
        }
        return waiting;
    }

    /** Item attributes that key the indexes; named apart from an order's own order_id. */
    static final String ITEM_ORDER = "item_order";
    static final String ITEM_PRODUCT = "item_product";
    static final String WAITING_PARTITION = "waiting_partition";

    private void resolveItemsBy(String index, String attribute, String id) {
        var pages = dynamoDb.queryPaginator(q -> q.tableName(table).indexName(index).keyConditionExpression("#a = :id")
                .expressionAttributeNames(Map.of("#a", attribute)).expressionAttributeValues(Map.of(":id", text(id))));
        for (Map<String, AttributeValue> item : pages.items()) {
            resolve(item.get(OrderStateTable.PK).s());
        }
    }

    /** Brings an item's resolution in line with its order and product; true when it no longer waits. */
    private boolean resolve(String itemKey) {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Map<String, AttributeValue> item = get(itemKey);
            if (item == null) {
                return true;
            }
            Map<String, AttributeValue> order = get(OrderStateTable.key(OrderFileKind.ORDERS, item.get("order_id").s()));
            Map<String, AttributeValue> product = get(OrderStateTable.key(OrderFileKind.PRODUCTS, item.get("product_id").s()));
            Map<String, AttributeValue> resolution = new HashMap<>();
            boolean waits = order == null || product == null;
            if (waits) {
                resolution.put(OrderStateTable.REJECTED, null);
                resolution.put(OrderStateTable.ITEM_DAY, null);
                resolution.put(OrderStateTable.CATEGORY, null);
            } else if (!order.get("user_id").s().equals(item.get("user_id").s())) {
                resolution.put(OrderStateTable.REJECTED, text("user_id " + item.get("user_id").s() + " differs from its order's "
                        + order.get("user_id").s()));
                resolution.put(OrderStateTable.ITEM_DAY, null);
                resolution.put(OrderStateTable.CATEGORY, null);
            } else {
                resolution.put(OrderStateTable.REJECTED, null);
                resolution.put(OrderStateTable.ITEM_DAY, order.get(OrderStateTable.ORDER_DAY));
                resolution.put(OrderStateTable.CATEGORY, product.get(OrderStateTable.CATEGORY));
            }
            if (!waits) {
                resolution.put(WAITING_PARTITION, null);
                resolution.put(OrderStateTable.WAITING_SINCE, null);
            }
            Update update = new Update().setOrRemove(resolution)
                    .name("#version", OrderStateTable.VERSION).value(":version", item.get(OrderStateTable.VERSION));
            if (waits) {
                update.set("#wp = :wp").name("#wp", WAITING_PARTITION).value(":wp", text(OrderStateTable.WAITING_PARTITION))
                        .set("#ws = if_not_exists(#ws, :now)").name("#ws", OrderStateTable.WAITING_SINCE)
                        .value(":now", text(clock.instant().toString()));
            }
            try {
                dynamoDb.updateItem(u -> u.tableName(table).key(Map.of(OrderStateTable.PK, text(itemKey)))
                        .updateExpression(update.expression()).conditionExpression("#version = :version")
                        .expressionAttributeNames(update.names()).expressionAttributeValues(update.values()));
                return !waits;
            } catch (ConditionalCheckFailedException newerItem) {
                // a newer version of the item was stored meanwhile: resolve that one
            }
        }
        throw new IllegalStateException(itemKey + " kept changing while it was resolved; left for the sweep");
    }

    private Map<String, AttributeValue> get(String key) {
        Map<String, AttributeValue> item = dynamoDb.getItem(g -> g.tableName(table).consistentRead(true)
                .key(Map.of(OrderStateTable.PK, text(key)))).item();
        return item == null || item.isEmpty() ? null : item;
    }

    /** The row's fields as attributes (numbers as numbers), and what its kind's indexes are keyed by. */
    private static Map<String, AttributeValue> attributesOf(OrderFileKind kind, JsonNode row) {
        Map<String, AttributeValue> attributes = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = row.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            attributes.put(field.getKey(), value.isNumber() ? AttributeValue.fromN(value.decimalValue().toPlainString()) : text(value.asText()));
        }
        switch (kind) {
            case ORDERS -> attributes.put(OrderStateTable.ORDER_DAY, text(utcDate(row.get("created_at").asText())));
            case ORDER_ITEMS -> {
                attributes.put(ITEM_ORDER, attributes.get("order_id"));
                attributes.put(ITEM_PRODUCT, attributes.get("product_id"));
            }
            case PRODUCTS -> {
            }
        }
        return attributes;
    }

    /** The UTC date of a shop time: no zone means UTC. */
    static String utcDate(String time) {
        try {
            return LocalDateTime.parse(time).toLocalDate().toString();
        } catch (java.time.format.DateTimeParseException withOffset) {
            return OffsetDateTime.parse(time).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate().toString();
        }
    }

    private static AttributeValue text(String value) {
        return AttributeValue.fromS(value);
    }
}
