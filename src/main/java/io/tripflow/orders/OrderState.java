package io.tripflow.orders;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;

import com.fasterxml.jackson.databind.JsonNode;
import io.tripflow.dynamodb.Update;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Validated shop rows as state, one item per row key, idempotently: the same row again changes
 * nothing, a newer version replaces the older. An order item is stored with its resolution against
 * its order and product (files come in any order, see {@link ItemResolution}); an order or product
 * that arrives or changes resolves the items that depend on it. Every put says which order dates it
 * touched, so that their KPIs are recomputed. A resolution missed because an index did not show an
 * item yet (indexes are eventually consistent) is healed by {@link #resolveWaiting()}.
 */
public class OrderState {

    /** What storing a row did: stored it (new, or newer), nothing (the same row is stored), or nothing (a newer row is stored). */
    public enum Stored { STORED, DUPLICATE, STALE }

    /**
     * @param dates the order dates whose KPIs the row may have changed
     * @param rejection why an item does not count (its user is not its order's), null otherwise
     */
    public record Outcome(Stored stored, Set<LocalDate> dates, String rejection) {
    }

    static final String ITEM_ORDER = "item_order";
    static final String ITEM_PRODUCT = "item_product";
    private static final int MAX_ROUNDS = 5;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    public OrderState(DynamoDbClient dynamoDb, String table, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
    }

    /**
     * @param version orders the row's versions (see {@link RowVersion})
     * @param references the stored orders and products an item row may refer to (see {@link OrderReferences})
     */
    public Outcome put(OrderFileKind kind, JsonNode row, String version, OrderReferences references) {
        String id = row.get(kind.keyColumn()).asText();
        Map<String, AttributeValue> item = attributesOf(kind, row);
        item.put(OrderStateTable.PK, text(OrderStateTable.key(kind, id)));
        item.put(OrderStateTable.KIND, text(kind.schemaName()));
        item.put(OrderStateTable.VERSION, text(version));
        item.put(OrderStateTable.CONTENT, text(RowVersion.contentOf(version)));
        if (kind == OrderFileKind.ORDER_ITEMS) {
            ItemResolution resolution = ItemResolution.of(row.get("user_id").asText(), references.order(row.get("order_id").asText()),
                    references.product(row.get("product_id").asText()));
            resolution.attributes().forEach((name, value) -> {
                if (value != null) {
                    item.put(name, value);
                }
            });
            if (resolution.waits()) {
                item.put(ItemResolution.WAITING_SINCE, text(ItemResolution.since(clock.instant())));
            }
        }
        Map<String, AttributeValue> before;
        Map<String, AttributeValue> current;
        Stored stored;
        try {
            before = dynamoDb.putItem(p -> p.tableName(table).item(item).returnValues(ReturnValue.ALL_OLD)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .conditionExpression("attribute_not_exists(#pk) OR (#version < :version AND #content <> :content)")
                    .expressionAttributeNames(Map.of("#pk", OrderStateTable.PK, "#version", OrderStateTable.VERSION,
                            "#content", OrderStateTable.CONTENT))
                    .expressionAttributeValues(Map.of(":version", text(version), ":content", item.get(OrderStateTable.CONTENT)))).attributes();
            current = item;
            stored = Stored.STORED;
        } catch (ConditionalCheckFailedException notNewer) {
            current = notNewer.hasItem() && !notNewer.item().isEmpty() ? notNewer.item() : get(item.get(OrderStateTable.PK).s());
            before = null;
            stored = current.get(OrderStateTable.CONTENT).equals(item.get(OrderStateTable.CONTENT)) ? Stored.DUPLICATE : Stored.STALE;
        }
        Set<LocalDate> dates = new TreeSet<>();
        String dayAttribute = kind == OrderFileKind.ORDERS ? OrderStateTable.ORDER_DAY : ItemResolution.ITEM_DAY;
        addDay(dates, current, dayAttribute);
        addDay(dates, before, dayAttribute);
        // also after a duplicate: a crash between the write and the resolution is healed by the row's redelivery
        switch (kind) {
            case ORDERS -> resolveAffected(OrderStateTable.ITEMS_BY_ORDER_INDEX, ITEM_ORDER, id, current, ItemResolution::affectedByOrder, dates);
            case PRODUCTS -> resolveAffected(OrderStateTable.ITEMS_BY_PRODUCT_INDEX, ITEM_PRODUCT, id, current,
                    ItemResolution::affectedByProduct, dates);
            case ORDER_ITEMS -> {
            }
        }
        AttributeValue rejection = kind == OrderFileKind.ORDER_ITEMS ? current.get(ItemResolution.REJECTED) : null;
        return new Outcome(stored, dates, rejection == null ? null : rejection.s());
    }

    /** Resolves every waiting item whose order and product have arrived since; returns the dates that changed. */
    public Set<LocalDate> resolveWaiting() {
        Set<LocalDate> dates = new TreeSet<>();
        var pages = dynamoDb.queryPaginator(q -> q.tableName(table).indexName(OrderStateTable.WAITING_INDEX)
                .keyConditionExpression("#w = :w").expressionAttributeNames(Map.of("#w", ItemResolution.WAITING_PARTITION))
                .expressionAttributeValues(Map.of(":w", text(ItemResolution.WAITING))));
        for (Map<String, AttributeValue> item : pages.items()) {
            resolve(item.get(OrderStateTable.PK).s(), dates);
        }
        return dates;
    }

    private void resolveAffected(String index, String attribute, String id, Map<String, AttributeValue> parent,
            BiPredicate<Map<String, AttributeValue>, Map<String, AttributeValue>> affected, Set<LocalDate> dates) {
        var pages = dynamoDb.queryPaginator(q -> q.tableName(table).indexName(index).keyConditionExpression("#a = :id")
                .expressionAttributeNames(Map.of("#a", attribute)).expressionAttributeValues(Map.of(":id", text(id))));
        for (Map<String, AttributeValue> item : pages.items()) {
            if (affected.test(item, parent)) {
                resolve(item.get(OrderStateTable.PK).s(), dates);
            }
        }
    }

    /** Brings an item's resolution in line with its order and product as stored now, adding the dates it left and joined. */
    private void resolve(String itemKey, Set<LocalDate> dates) {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Map<String, AttributeValue> item = get(itemKey);
            if (item == null) {
                return;
            }
            ItemResolution resolution = ItemResolution.of(item.get("user_id").s(),
                    get(OrderStateTable.key(OrderFileKind.ORDERS, item.get("order_id").s())),
                    get(OrderStateTable.key(OrderFileKind.PRODUCTS, item.get("product_id").s())));
            Update update = new Update().setOrRemove(resolution.attributes())
                    .name("#version", OrderStateTable.VERSION).value(":version", item.get(OrderStateTable.VERSION));
            if (resolution.waits()) {
                update.set("#ws = if_not_exists(#ws, :now)").name("#ws", ItemResolution.WAITING_SINCE)
                        .value(":now", text(ItemResolution.since(clock.instant())));
            }
            try {
                dynamoDb.updateItem(u -> u.tableName(table).key(Map.of(OrderStateTable.PK, text(itemKey)))
                        .updateExpression(update.expression()).conditionExpression("#version = :version")
                        .expressionAttributeNames(update.names()).expressionAttributeValues(update.values()));
                addDay(dates, item, ItemResolution.ITEM_DAY);
                if (resolution.day() != null) {
                    dates.add(LocalDate.parse(resolution.day()));
                }
                return;
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

    private static void addDay(Set<LocalDate> dates, Map<String, AttributeValue> item, String attribute) {
        if (item != null && item.containsKey(attribute)) {
            dates.add(LocalDate.parse(item.get(attribute).s()));
        }
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
        } catch (DateTimeParseException withOffset) {
            return OffsetDateTime.parse(time).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate().toString();
        }
    }

    private static AttributeValue text(String value) {
        return AttributeValue.fromS(value);
    }
}
