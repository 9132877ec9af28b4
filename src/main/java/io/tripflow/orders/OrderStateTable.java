package io.tripflow.orders;

import java.util.List;

import io.tripflow.dynamodb.TableShapes;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

import static io.tripflow.dynamodb.TableShapes.index;
import static io.tripflow.dynamodb.TableShapes.string;

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
    public static CreateTableRequest request(String table) {
        return TableShapes.onDemand(table)
                .attributeDefinitions(string(PK), string(ORDER_DAY), string(ItemResolution.ITEM_DAY), string(OrderState.ITEM_ORDER),
                        string(OrderState.ITEM_PRODUCT), string(ItemResolution.WAITING_PARTITION), string(ItemResolution.WAITING_SINCE))
                .keySchema(TableShapes.key(PK, KeyType.HASH))
                .globalSecondaryIndexes(
                        index(ORDERS_BY_DAY_INDEX, ORDER_DAY, PK, List.of("order_id", "user_id", "status")),
                        index(ITEMS_BY_DAY_INDEX, ItemResolution.ITEM_DAY, PK, List.of("order_id", ItemResolution.CATEGORY, "status", "sale_price")),
                        index(ITEMS_BY_ORDER_INDEX, OrderState.ITEM_ORDER, PK, List.of("user_id", ItemResolution.ITEM_DAY, ItemResolution.REJECTED)),
                        index(ITEMS_BY_PRODUCT_INDEX, OrderState.ITEM_PRODUCT, PK, List.of(ItemResolution.CATEGORY, ItemResolution.REJECTED)),
                        index(WAITING_INDEX, ItemResolution.WAITING_PARTITION, ItemResolution.WAITING_SINCE,
                                List.of("id", "order_id", "product_id", "created_at", ItemResolution.WAITING_FOR)))
                .build();
    }

    public static String key(OrderFileKind kind, String id) {
        return switch (kind) {
            case ORDERS -> "ORDER#" + id;
            case ORDER_ITEMS -> "ITEM#" + id;
            case PRODUCTS -> "PRODUCT#" + id;
        };
    }
}
