package io.tripflow.orders;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The three kinds of shop file, told apart by their header; each row's JSON is validated against
 * schemas/orders/&lt;name&gt;.schema.json. A header with a column twice, or without one of its kind's
 * columns, makes the file unusable as a whole.
 */
public enum OrderFileKind {
    ORDERS("orders", "order_id", List.of("order_id", "user_id", "status", "created_at", "returned_at", "shipped_at", "delivered_at",
            "num_of_item")),
    ORDER_ITEMS("order_items", "id", List.of("id", "order_id", "user_id", "product_id", "status", "created_at", "shipped_at",
            "delivered_at", "returned_at", "sale_price")),
    PRODUCTS("products", "id", List.of("id", "sku", "cost", "category", "name", "brand", "retail_price", "department"));

    /** Columns read as numbers; a cell that is not one stays text, for the schema to reject with its reason. */
    static final Set<String> NUMBER_COLUMNS = Set.of("num_of_item", "sale_price", "cost", "retail_price");

    private final String schemaName;
    private final String keyColumn;
    private final List<String> columns;

    OrderFileKind(String schemaName, String keyColumn, List<String> columns) {
        this.schemaName = schemaName;
        this.keyColumn = keyColumn;
        this.columns = columns;
    }

    /** The file's kind, or why it has none. */
    public record Recognised(OrderFileKind kind, String rejection) {
    }

    public static Recognised of(List<String> header) {
        List<String> names = header.stream().map(String::trim).toList();
        Set<String> seen = new HashSet<>();
        List<String> twice = names.stream().filter(name -> !seen.add(name)).distinct().toList();
        if (!twice.isEmpty()) {
            return new Recognised(null, "the header has " + String.join(", ", twice) + " more than once");
        }
        OrderFileKind closest = List.of(values()).stream()
                .max(Comparator.comparingLong(kind -> kind.columns.stream().filter(seen::contains).count())).orElseThrow();
        List<String> missing = new ArrayList<>(closest.columns);
        missing.removeAll(seen);
        if (missing.size() == closest.columns.size()) {
            return new Recognised(null, "the header is not that of an orders, order_items or products file");
        }
        if (!missing.isEmpty()) {
            return new Recognised(null, "a file of kind " + closest.schemaName + " without the column(s) " + String.join(", ", missing));
        }
        return new Recognised(closest, null);
    }

    /** The name of its files' schema (schemas/orders/&lt;name&gt;.schema.json) and of its kind in reports. */
    public String schemaName() {
        return schemaName;
    }

    /** The column that identifies a row: a newer row with the same key replaces the older. */
    public String keyColumn() {
        return keyColumn;
    }
}
