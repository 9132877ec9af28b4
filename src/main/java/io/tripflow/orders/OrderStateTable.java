package io.tripflow.orders;

import java.util.List;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The one definition of the orders state table's shape: every validated row of every shop file,
 * one item per row key ({@code ORDER#id}, {@code ITEM#id}, {@code PRODUCT#id}), and the indexes
 * that resolve items against their orders and products and fold a date.
 */
public final class OrderStateTable {

    public static final String PK = "pk";
    public static final String VERSION = "row_version";
    public static final String KIND = "row_kind";

    /** An order's UTC date of created_at; orders by it: the orders a date's KPIs count. */
    public static final String ORDER_DAY = "order_day";
    public static final String ORDERS_BY_DAY_INDEX = "orders-by-day";
    /** A resolved item's order date; items by it: the items a date's KPIs count. */
    public static final String ITEM_DAY = "item_day";
    public static final String ITEMS_BY_DAY_INDEX = "items-by-day";
    /** Items by their order and by their product: those to resolve when it arrives. */
    public static final String ITEMS_BY_ORDER_INDEX = "items-by-order";
    public static final String ITEMS_BY_PRODUCT_INDEX = "items-by-product";
    /** Set on an item while its order or product is missing (sparse): the orphans, and the sweep that heals missed resolutions. */
    public static final String WAITING_SINCE = "waiting_since";
    public static final String WAITING_INDEX = "waiting-items";
    public static final String WAITING_PARTITION = "waiting";

    public static final String CATEGORY = "category";
    public static final String REJECTED = "rejected_reason";

    private OrderStateTable() {
    }

    /** On demand, with its five indexes; the by-day ones project what the fold reads. */
    public static void create(DynamoDbClient dynamoDb, String table) {
        dynamoDb.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(string(PK), string(ORDER_DAY), string(ITEM_DAY), string(OrderState.ITEM_ORDER),
                        string(OrderState.ITEM_PRODUCT), string(OrderState.WAITING_PARTITION), string(WAITING_SINCE))
                .keySchema(key(PK, KeyType.HASH))
                .globalSecondaryIndexes(
                        index(ORDERS_BY_DAY_INDEX, ORDER_DAY, PK, List.of("order_id", "user_id", "status")),
                        index(ITEMS_BY_DAY_INDEX, ITEM_DAY, PK, List.of("order_id", CATEGORY, "status", "sale_price")),
                        index(ITEMS_BY_ORDER_INDEX, OrderState.ITEM_ORDER, PK, List.of()),
                        index(ITEMS_BY_PRODUCT_INDEX, OrderState.ITEM_PRODUCT, PK, List.of()),
                        index(WAITING_INDEX, OrderState.WAITING_PARTITION, WAITING_SINCE, List.of())));
    }

    private static GlobalSecondaryIndex index(String name, String hash, String range, List<String> projected) {
        return GlobalSecondaryIndex.builder().indexName(name).keySchema(key(hash, KeyType.HASH), key(range, KeyType.RANGE))
                .projection(projected.isEmpty() ? Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build()
                        : Projection.builder().projectionType(ProjectionType.INCLUDE).nonKeyAttributes(projected).build())
                .build();
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    public static String key(OrderFileKind kind, String id) {
        return switch (kind) {
            case ORDERS -> "ORDER#" + id;
            case ORDER_ITEMS -> "ITEM#" + id;
            case PRODUCTS -> "PRODUCT#" + id;
        };
    }
}
