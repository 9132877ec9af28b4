package io.tripflow.orders;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.tripflow.csv.CsvRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OrderDayFoldTest {

    private static final LocalDate DAY = LocalDate.of(2025, 3, 30);

    @Test
    void orderAndCategoryFiguresByTheirDefinitions() {
        OrderDayFold day = new OrderDayFold();
        day.add(new OrderDayFold.Order("o1", "u1", "delivered"));
        day.add(new OrderDayFold.Order("o2", "u1", "returned"));
        day.add(new OrderDayFold.Order("o3", "u2", "shipped"));
        // o1 holds the same product twice, and one of its items was returned on its own
        day.add(new OrderDayFold.Item("o1", "Jeans", "delivered", new BigDecimal("10.005")));
        day.add(new OrderDayFold.Item("o1", "Jeans", "returned", new BigDecimal("10.005")));
        day.add(new OrderDayFold.Item("o2", "Socks", "returned", new BigDecimal("3.10")));
        day.add(new OrderDayFold.Item("o3", "Jeans", "shipped", new BigDecimal("20")));

        assertEquals(Map.of("order_date", "2025-03-30", "total_orders", 3L, "total_revenue", new BigDecimal("43.11"),
                "total_items_sold", 4L, "return_rate", new BigDecimal("0.3333"), "unique_customers", 2L), day.orderKpis(DAY));
        var jeans = day.categoryKpis(DAY).get("Jeans");
        assertEquals(new BigDecimal("40.01"), jeans.get("daily_revenue"), "summed exactly, then rounded: 40.01, not 40.02");
        assertEquals(new BigDecimal("20.01"), jeans.get("avg_order_value"), "40.01 over the 2 orders with jeans");
        assertEquals(new BigDecimal("0.3333"), jeans.get("avg_return_rate"), "1 of 3 jeans items returned");
        assertEquals(new BigDecimal("1.0000"), day.categoryKpis(DAY).get("Socks").get("avg_return_rate"));
    }

    @Test
    void aDateWithoutOrdersHasZeroes() {
        assertEquals(Map.of("order_date", "2025-03-30", "total_orders", 0L, "total_revenue", new BigDecimal("0.00"),
                "total_items_sold", 0L, "return_rate", new BigDecimal("0.0000"), "unique_customers", 0L), new OrderDayFold().orderKpis(DAY));
    }

    @Test
    void aGeneratedShopFoldsToTheReferenceComputedFromItsFiles(@TempDir Path dir) throws Exception {
        ShopGenerator shop = new ShopGenerator(11, 2_000, 300, LocalDate.of(2025, 3, 1), 20);
        ShopReference reference = ShopReference.of(shop.write(dir, 3));
        Map<LocalDate, OrderDayFold> days = new TreeMap<>();
        for (int i = 0; i < 2_000; i++) {
            List<String> order = cells(shop.order(i).row());
            OrderDayFold day = days.computeIfAbsent(LocalDate.parse(order.get(3).substring(0, 10)), d -> new OrderDayFold());
            day.add(new OrderDayFold.Order(order.get(0), order.get(1), order.get(2)));
            for (String itemRow : shop.order(i).itemRows()) {
                List<String> item = cells(itemRow);
                String category = cells(shop.product(Integer.parseInt(item.get(3)) - 1)).get(3);
                day.add(new OrderDayFold.Item(item.get(1), category, item.get(4), new BigDecimal(item.get(9))));
            }
        }
        assertEquals(reference.orderKpis.keySet(), days.keySet());
        days.forEach((date, day) -> {
            Map<String, Object> figures = new HashMap<>(day.orderKpis(date));
            figures.remove("order_date");
            assertEquals(reference.orderKpis.get(date), figures, date.toString());
            day.categoryKpis(date).forEach((category, row) -> {
                Map<String, Object> categoryFigures = new HashMap<>(row);
                categoryFigures.remove("category");
                categoryFigures.remove("order_date");
                assertEquals(reference.categoryKpis.get(category).get(date), categoryFigures, category + " " + date);
            });
        });
    }

    private static List<String> cells(String row) {
        return new CsvRecords(new StringReader(row + "\n"), 10_000).next().fields();
    }
}
