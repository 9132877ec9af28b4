package io.tripflow.orders;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.tripflow.csv.CsvRecords;

/**
 * The KPIs a shop's files must give, computed here straight from the CSV files with the issue's
 * definitions, independently of tripflow's rows, state and fold: the reference the orders line's
 * end-to-end tests compare with. Valid rows only (the generator writes no others); the last row
 * of a key wins, as the newest row does in tripflow.
 */
public final class ShopReference {

    /** Per order date: total_orders, total_revenue, total_items_sold, return_rate, unique_customers. */
    public final Map<LocalDate, Map<String, Object>> orderKpis = new TreeMap<>();
    /** Per category, then order date: daily_revenue, avg_order_value, avg_return_rate. */
    public final Map<String, Map<LocalDate, Map<String, Object>>> categoryKpis = new TreeMap<>();

    public static ShopReference of(List<Path> files) throws IOException {
        Map<String, List<String>> orders = new HashMap<>();
        Map<String, List<String>> items = new HashMap<>();
        Map<String, String> categories = new HashMap<>();
        for (Path file : files) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                CsvRecords rows = new CsvRecords(in, 100_000);
                String header = String.join(",", rows.next().fields());
                while (rows.hasNext()) {
                    List<String> row = rows.next().fields();
                    switch (header) {
                        case ShopGenerator.ORDERS_HEADER -> orders.put(row.get(0), row);
                        case ShopGenerator.ITEMS_HEADER -> items.put(row.get(0), row);
                        case ShopGenerator.PRODUCTS_HEADER -> categories.put(row.get(0), row.get(3));
                        default -> throw new IllegalArgumentException(file + ": not a shop file");
                    }
                }
            }
        }
        ShopReference reference = new ShopReference();
        reference.compute(orders, items, categories);
        return reference;
    }

    private void compute(Map<String, List<String>> orders, Map<String, List<String>> items, Map<String, String> categories) {
        Map<LocalDate, List<List<String>>> ordersByDate = new TreeMap<>();
        orders.values().forEach(o -> ordersByDate.computeIfAbsent(LocalDate.parse(o.get(3).substring(0, 10)), d -> new ArrayList<>()).add(o));
        Map<String, List<List<String>>> itemsByOrder = new HashMap<>();
        items.values().forEach(i -> itemsByOrder.computeIfAbsent(i.get(1), o -> new ArrayList<>()).add(i));
        ordersByDate.forEach((date, dayOrders) -> {
            Set<String> customers = new HashSet<>();
            long returned = 0;
            long sold = 0;
            BigDecimal revenue = BigDecimal.ZERO;
            Map<String, BigDecimal> categoryRevenue = new TreeMap<>();
            Map<String, Set<String>> categoryOrders = new HashMap<>();
            Map<String, long[]> categoryReturns = new HashMap<>();
            for (List<String> order : dayOrders) {
                customers.add(order.get(1));
                returned += order.get(2).equals("returned") ? 1 : 0;
                for (List<String> item : itemsByOrder.getOrDefault(order.get(0), List.of())) {
                    BigDecimal price = new BigDecimal(item.get(9));
                    String category = categories.get(item.get(3));
                    sold++;
                    revenue = revenue.add(price);
                    categoryRevenue.merge(category, price, BigDecimal::add);
                    categoryOrders.computeIfAbsent(category, c -> new HashSet<>()).add(order.get(0));
                    long[] counts = categoryReturns.computeIfAbsent(category, c -> new long[2]);
                    counts[0]++;
                    counts[1] += item.get(4).equals("returned") ? 1 : 0;
                }
            }
            orderKpis.put(date, Map.of("total_orders", (long) dayOrders.size(), "total_revenue", revenue.setScale(2, RoundingMode.HALF_UP),
                    "total_items_sold", sold, "return_rate", BigDecimal.valueOf(returned).divide(BigDecimal.valueOf(dayOrders.size()), 4,
                            RoundingMode.HALF_UP), "unique_customers", (long) customers.size()));
            categoryRevenue.forEach((category, sum) -> categoryKpis.computeIfAbsent(category, c -> new TreeMap<>()).put(date, Map.of(
                    "daily_revenue", sum.setScale(2, RoundingMode.HALF_UP),
                    "avg_order_value", sum.divide(BigDecimal.valueOf(categoryOrders.get(category).size()), 2, RoundingMode.HALF_UP),
                    "avg_return_rate", BigDecimal.valueOf(categoryReturns.get(category)[1])
                            .divide(BigDecimal.valueOf(categoryReturns.get(category)[0]), 4, RoundingMode.HALF_UP))));
        });
    }
}
