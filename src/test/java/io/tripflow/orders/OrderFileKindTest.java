package io.tripflow.orders;

import io.tripflow.dynamodb.NumberBounds;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class OrderFileKindTest {

    @Test
    void theHeaderTellsTheKindInAnyColumnOrder() {
        assertEquals(OrderFileKind.ORDERS, OrderFileKind.of(List.of(ShopGenerator.ORDERS_HEADER.split(","))).kind());
        assertEquals(OrderFileKind.ORDER_ITEMS, OrderFileKind.of(List.of(ShopGenerator.ITEMS_HEADER.split(","))).kind());
        assertEquals(OrderFileKind.PRODUCTS, OrderFileKind.of(List.of("brand", "id", "sku", "cost", "category", "name", "retail_price",
                "department")).kind());
    }

    @Test
    void aMissingOrRepeatedColumnRejectsTheFileWithTheColumnsNamed() {
        var missing = OrderFileKind.of(List.of("id", "order_id", "user_id", "product_id", "status", "created_at", "shipped_at",
                "delivered_at", "returned_at"));
        assertNull(missing.kind());
        assertEquals("a file of kind order_items without the column(s) sale_price", missing.rejection());
        assertEquals("the header has user_id more than once",
                OrderFileKind.of(List.of("order_id", "user_id", "user_id", "status")).rejection());
        assertEquals("the header is not that of an orders, order_items or products file",
                OrderFileKind.of(List.of("trip_id", "fare_amount")).rejection());
    }

    @Test
    void aRowIsAnObjectWithoutItsEmptyCellsAndWithNumbersWhereTheyAreNumbers() {
        var reader = new OrderRowReader(List.of(ShopGenerator.ITEMS_HEADER.split(",")), NumberBounds.DEFAULT);
        assertEquals("{\"id\":\"7\",\"order_id\":\"2\",\"user_id\":\"9\",\"product_id\":\"31\",\"status\":\"shipped\","
                + "\"created_at\":\"2025-03-30T16:14:26\",\"sale_price\":19.90}",
                reader.read(List.of("7", "2", "9", "31", "shipped", "2025-03-30T16:14:26", "", "", "", "19.90")).toString());
        assertEquals("\"free\"", reader.read(List.of("7", "2", "9", "31", "shipped", "", "", "", "", "free")).get("sale_price").toString(),
                "not a number: left as text, for the schema to reject");
    }
}
