package io.tripflow.orders;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;

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
}
