package io.tripflow.orders;

import io.tripflow.dynamodb.NumberBounds;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.jsonvalidator.JsonValidationException;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** schemas/orders through camel-json-validator, as the order-files flow will use them: the generated shop passes, each bad row fails with its reason. */
class OrderSchemasTest {

    private static final ShopGenerator SHOP = new ShopGenerator(7, 300, 100, java.time.LocalDate.of(2025, 3, 1), 5);
    private static CamelContext camel;
    private static ProducerTemplate template;

    @BeforeAll
    static void start() {
        camel = new DefaultCamelContext();
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterAll
    static void stop() {
        camel.stop();
    }

    @Test
    void everyGeneratedRowIsValid() {
        var orders = new OrderRowReader(List.of(ShopGenerator.ORDERS_HEADER.split(",")), NumberBounds.DEFAULT);
        var items = new OrderRowReader(List.of(ShopGenerator.ITEMS_HEADER.split(",")), NumberBounds.DEFAULT);
        for (int i = 0; i < 300; i++) {
            var order = SHOP.order(i);
            assertDoesNotThrow(() -> validate(OrderFileKind.ORDERS, orders.read(List.of(order.row().split(",", -1))).toString()));
            for (String item : order.itemRows()) {
                assertDoesNotThrow(() -> validate(OrderFileKind.ORDER_ITEMS, items.read(List.of(item.split(",", -1))).toString()));
            }
        }
    }

    @Test
    void eachRuleASchemaExpressesRejectsItsRowWithTheReason() {
        assertRejected(OrderFileKind.ORDERS, "{\"order_id\":\"1\",\"status\":\"shipped\",\"created_at\":\"2025-03-30T16:14:26\"}", "user_id");
        assertRejected(OrderFileKind.ORDERS, "{\"order_id\":\"1\",\"user_id\":\"2\",\"status\":\"lost\",\"created_at\":\"2025-03-30T16:14:26\"}",
                "status");
        assertRejected(OrderFileKind.ORDERS, "{\"order_id\":\"1\",\"user_id\":\"2\",\"status\":\"shipped\",\"created_at\":\"30/03/2025\"}",
                "created_at");
        assertRejected(OrderFileKind.ORDERS, "{\"order_id\":\"1\",\"user_id\":\"2\",\"status\":\"shipped\",\"created_at\":\"2025-03-30T16:14:26\","
                + "\"num_of_item\":1.5}", "num_of_item");
        assertRejected(OrderFileKind.ORDER_ITEMS, "{\"id\":\"1\",\"order_id\":\"1\",\"user_id\":\"2\",\"product_id\":\"3\",\"status\":\"shipped\","
                + "\"sale_price\":-0.01}", "sale_price");
        assertRejected(OrderFileKind.ORDER_ITEMS, "{\"id\":\"1\",\"order_id\":\"1\",\"user_id\":\"2\",\"product_id\":\"3\",\"status\":\"shipped\","
                + "\"sale_price\":\"free\"}", "sale_price");
        assertRejected(OrderFileKind.PRODUCTS, "{\"id\":\"1\",\"sku\":\"S1\",\"name\":\"Socks\"}", "category");
        assertDoesNotThrow(() -> validate(OrderFileKind.PRODUCTS, "{\"id\":\"1\",\"sku\":\"S1\",\"name\":\"Socks\",\"category\":\"Socks\"}"),
                "no brand: a warning, not an error");
    }

    private static void assertRejected(OrderFileKind kind, String row, String field) {
        var failure = assertThrows(CamelExecutionException.class, () -> validate(kind, row));
        var invalid = assertInstanceOf(JsonValidationException.class, failure.getCause());
        assertTrue(invalid.getMessage().contains(field), field + " not named in: " + invalid.getMessage());
    }

    private static void validate(OrderFileKind kind, String row) {
        template.sendBody("json-validator:file:" + Path.of("schemas", "orders", kind.schemaName() + ".schema.json"),
                row.getBytes(StandardCharsets.UTF_8));
    }
}
