package io.tripflow.orders;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One order date's KPIs, folded from its orders and their items as they come (pages of a query):
 * exact sums, rounded only in {@link #orderKpis}/{@link #categoryKpis}, money to 2 decimals and
 * rates to 4. Memory holds the date's distinct customers and, per category, its distinct orders.
 */
public final class OrderDayFold {

    public static final String RETURNED = "returned";

    /** What the fold needs of an order. */
    public record Order(String orderId, String userId, String status) {
    }

    /** What the fold needs of an item of one of the date's orders, its product's category included. */
    public record Item(String orderId, String category, String status, BigDecimal salePrice) {
    }

    private long orders;
    private long returnedOrders;
    private final Set<String> customers = new HashSet<>();
    private long items;
    private BigDecimal revenue = BigDecimal.ZERO;
    private final Map<String, Category> categories = new TreeMap<>();

    private static final class Category {
        private BigDecimal revenue = BigDecimal.ZERO;
        private final Set<String> orders = new HashSet<>();
        private long items;
        private long returnedItems;
    }

    public void add(Order order) {
        orders++;
        returnedOrders += RETURNED.equals(order.status()) ? 1 : 0;
        customers.add(order.userId());
    }

    public void add(Item item) {
        items++;
        revenue = revenue.add(item.salePrice());
        Category category = categories.computeIfAbsent(item.category(), c -> new Category());
        category.revenue = category.revenue.add(item.salePrice());
        category.orders.add(item.orderId());
        category.items++;
        category.returnedItems += RETURNED.equals(item.status()) ? 1 : 0;
    }

    /** For the log: the date's orders, items and categories. */
    public String summary() {
        return orders + " orders, " + items + " items, " + categories.size() + " categories";
    }

    /** True when the date has neither orders nor items: it has no KPI row. */
    public boolean isEmpty() {
        return orders == 0 && items == 0;
    }

    /** The row of tripflow-order-kpis for this date; attribute names as the table has them. */
    public Map<String, Object> orderKpis(LocalDate orderDate) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("order_date", orderDate.toString());
        row.put("total_orders", orders);
        row.put("total_revenue", money(revenue));
        row.put("total_items_sold", items);
        row.put("return_rate", rate(returnedOrders, orders));
        row.put("unique_customers", (long) customers.size());
        return row;
    }

    /** The rows of tripflow-category-kpis for this date, by category. */
    public Map<String, Map<String, Object>> categoryKpis(LocalDate orderDate) {
        Map<String, Map<String, Object>> rows = new TreeMap<>();
        categories.forEach((name, category) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("category", name);
            row.put("order_date", orderDate.toString());
            row.put("daily_revenue", money(category.revenue));
            row.put("avg_order_value", money(category.revenue.divide(BigDecimal.valueOf(category.orders.size()), MathContext.DECIMAL128)));
            row.put("avg_return_rate", rate(category.returnedItems, category.items));
            rows.put(name, row);
        });
        return rows;
    }

    private static BigDecimal money(BigDecimal exact) {
        return exact.setScale(2, RoundingMode.HALF_UP);
    }

    /** A share, to 4 decimals; 0 of 0 is 0 (a date without orders returned none). */
    private static BigDecimal rate(long part, long whole) {
        return whole == 0 ? BigDecimal.ZERO.setScale(4) : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }
}
