package io.tripflow.orders;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.tripflow.dynamodb.NumberBounds;
import io.tripflow.intake.CsvBatches;
import io.tripflow.intake.FileReport;
import io.tripflow.intake.Finding;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderFileReaderTest {

    private final FileReport report = new FileReport("b", "orders/incoming/f.csv", "etag", "me", 10, Instant.EPOCH, OrderRows.ROWS_STORED);

    private List<OrderRow> rows(String file) {
        List<OrderRow> rows = new ArrayList<>();
        new OrderFileReader(NumberBounds.DEFAULT).batches(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), report).forEachRemaining(rows::addAll);
        return rows;
    }

    @Test
    void itemRowsBecomeJsonWithTheirLineAndARepeatedProductIsAWarning() {
        List<OrderRow> rows = rows(ShopGenerator.ITEMS_HEADER + "\n"
                + "1,7,3,100,shipped,2025-03-30T16:14:26,,,,19.99\n"
                + "2,7,3,100,returned,2025-03-30T16:14:26,,,2025-04-01T10:00:00,5.10\n"
                + "3,8,3,100,shipped,2025-03-30T16:14:26,,,,1\n");
        assertEquals(List.of(2, 3, 4), rows.stream().map(OrderRow::line).toList());
        assertEquals(OrderFileKind.ORDER_ITEMS, rows.get(0).kind());
        assertEquals("{\"id\":\"1\",\"order_id\":\"7\",\"user_id\":\"3\",\"product_id\":\"100\",\"status\":\"shipped\","
                + "\"created_at\":\"2025-03-30T16:14:26\",\"sale_price\":19.99}", new String(rows.get(0).jsonBytes(), StandardCharsets.UTF_8));
        assertEquals(List.of(), rows.get(0).warnings());
        assertEquals(List.of(new Finding("repeated_product", "order 7 holds product 100 on another line too")), rows.get(1).warnings());
        assertEquals(List.of(), rows.get(2).warnings(), "another order may hold the same product");
        assertEquals("order_items", report.toJson().get("kind"));
    }

    @Test
    void aRowWithMoreCellsThanTheHeaderIsRejectedAndAMissingColumnRejectsTheFile() {
        List<OrderRow> rows = rows("id,sku,cost,category,name,brand,retail_price,department\n1,S1,1,Socks,Sock,,2,Men,surplus\n2,S2,1,Socks,Sock,B,2,Men\n");
        assertEquals(List.of(3), rows.stream().map(OrderRow::line).toList());
        assertEquals(1L, report.rowsRejected());

        FileReport missing = new FileReport("b", "k", "e", "me", 10, Instant.EPOCH, OrderRows.ROWS_STORED);
        new OrderFileReader(NumberBounds.DEFAULT).batches(new ByteArrayInputStream("order_id,status,created_at\n1,shipped,x\n".getBytes(StandardCharsets.UTF_8)), missing)
                .forEachRemaining(batch -> { });
        assertTrue(missing.fileRejected());
        assertTrue(missing.toJson().get("file_rejected_because").toString().contains("user_id"), missing.toJson().toString());
    }

    @Test
    void aBatchEndsAtItsCharacterBudgetNotOnlyAtItsRowCount() {
        String longName = "n".repeat(CsvBatches.MAX_BATCH_CHARS / 8);
        StringBuilder file = new StringBuilder(ShopGenerator.PRODUCTS_HEADER).append('\n');
        for (int i = 0; i < 40; i++) {
            file.append(i).append(",S,1,Socks,").append(longName).append(",B,2,Men\n");
        }
        List<Integer> sizes = new ArrayList<>();
        new OrderFileReader(NumberBounds.DEFAULT).batches(new ByteArrayInputStream(file.toString().getBytes(StandardCharsets.UTF_8)), report)
                .forEachRemaining(batch -> sizes.add(batch.size()));
        assertEquals(List.of(8, 8, 8, 8, 8), sizes, "eight rows of an eighth of the budget each, not 40 rows of half a megabyte in one");
    }
}
