package io.tripflow.orders;

import java.util.List;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
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
    /** The row's digest (see {@link RowVersion#contentOf}): the same row from another file is no newer version. */
    public static final String CONTENT = "row_content";

    /** An order's UTC date of created_at; orders by it: the orders a date's KPIs count. */
    public static final String ORDER_DAY = "order_day";
    public static final String ORDERS_BY_DAY_INDEX = "orders-by-day";
    /** Items by their resolved order date: the items a date's KPIs count. */
    public static final String ITEMS_BY_DAY_INDEX = "items-by-day";
    /** Items by their order and by their product: those to resolve when it arrives or changes. */
    public static final String ITEMS_BY_ORDER_INDEX = "items-by-order";
    public static final String ITEMS_BY_PRODUCT_INDEX = "items-by-product";
    /** Items still without their order or product (sparse), oldest first: the orphans, and the sweep's work. */
    public static final String WAITING_INDEX = "waiting-items";

    private OrderStateTable() {
    }

    /** On demand, with its five indexes; each projects what its reader needs. */
    public static void create(DynamoDbClient dynamoDb, String table) {
        dynamoDb.createTable(request(table));
    }

    /** The table as created; CloudFormationTemplateTest holds the template's to it. */
    public static CreateTableRequest request(String table) {
        return CreateTableRequest.builder().tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(string(PK), string(ORDER_DAY), string(ItemResolution.ITEM_DAY), string(OrderState.ITEM_ORDER),
                        string(OrderState.ITEM_PRODUCT), string(ItemResolution.WAITING_PARTITION), string(ItemResolution.WAITING_SINCE))
                .keySchema(key(PK, KeyType.HASH))
                .globalSecondaryIndexes(
                        index(ORDERS_BY_DAY_INDEX, ORDER_DAY, PK, List.of("order_id", "user_id", "status")),
                        index(ITEMS_BY_DAY_INDEX, ItemResolution.ITEM_DAY, PK, List.of("order_id", ItemResolution.CATEGORY, "status", "sale_price")),
                        index(ITEMS_BY_ORDER_INDEX, OrderState.ITEM_ORDER, PK, List.of("user_id", ItemResolution.ITEM_DAY, ItemResolution.REJECTED)),
                        index(ITEMS_BY_PRODUCT_INDEX, OrderState.ITEM_PRODUCT, PK, List.of(ItemResolution.CATEGORY, ItemResolution.REJECTED)),
                        index(WAITING_INDEX, ItemResolution.WAITING_PARTITION, ItemResolution.WAITING_SINCE,
                                List.of("id", "order_id", "product_id", "created_at", ItemResolution.WAITING_FOR)))
                .build();
    }

    /** An index on two string keys; no projected attributes makes it keys-only. */
    static GlobalSecondaryIndex index(String name, String hash, String range, List<String> projected) {
        return GlobalSecondaryIndex.builder().indexName(name).keySchema(key(hash, KeyType.HASH), key(range, KeyType.RANGE))
                .projection(projected.isEmpty() ? Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build()
                        : Projection.builder().projectionType(ProjectionType.INCLUDE).nonKeyAttributes(projected).build())
                .build();
    }

    static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    static KeySchemaElement key(String name, KeyType type) {
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
