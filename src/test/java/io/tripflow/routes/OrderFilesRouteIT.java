package io.tripflow.routes;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import io.tripflow.orders.OrderKpiRuns;
import io.tripflow.orders.ShopGenerator;
import io.tripflow.orders.ShopReference;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The orders line end to end on the local stack: shop files dropped into orders/incoming/ go through
 * order-files.yaml (validation, state) and order-kpi.yaml (debounced, leased runs) into the order-
 * and category-level KPI tables, which must equal a reference computed from the CSVs alone.
 */
class OrderFilesRouteIT extends RouteTestSupport {

    @TempDir
    Path dir;

    @Override
    List<String> routeFiles() {
        return List.of("file-intake.yaml", "file-intake-errors.yaml", "order-files.yaml", "order-kpi.yaml", "order-orphans.yaml", "kpi-run.yaml", "write-json-to-s3.yaml", "errors-to-caller.yaml");
    }

    @Override
    Map<String, String> extraSettings() {
        // trip files are not this test's; orphans are reported as soon as the schedule runs
        return Map.of("tripflow.files.enabled", "false", "tripflow.orders.orphan-after-minutes", "0");
    }

    private DroppedFiles files;

    private void start() throws Exception {
        replaceConsumer("order-kpi-schedule");
        context.start();
        files = new DroppedFiles(context, aws, setting("tripflow.files.bucket"), "order-files");
    }

    @Test
    void aShopDroppedInShuffledOrderAndAgainGivesTheReferenceKpis() throws Exception {
        start();
        ShopGenerator shop = new ShopGenerator(11, 2_000, 400, LocalDate.of(2025, 3, 1), 24);
        List<Path> written = shop.write(dir, 3);
        ShopReference reference = ShopReference.of(written);
        List<Path> shuffled = new ArrayList<>(written);
        Collections.shuffle(shuffled, new Random(5));
        Instant started = Instant.now();
        for (Path file : shuffled) {
            files.drop("orders/incoming/" + file.getFileName(), Files.readAllBytes(file));
        }
        System.out.printf("%d shop files taken in in %s%n", written.size(), Duration.between(started, Instant.now()));
        awaitKpis(reference);

        Map<String, Map<String, AttributeValue>> state = scan(setting("tripflow.orders.state-table"), "pk");
        // the same files again, under their own keys (moved, not read) and under new ones (read: every row unchanged)
        for (Path file : written) {
            files.drop("orders/incoming/" + file.getFileName(), Files.readAllBytes(file));
        }
        for (Path file : written.subList(0, 3)) {
            files.drop("orders/incoming/again/" + file.getFileName(), Files.readAllBytes(file));
            JsonNode report = files.report("orders/reports/again/" + file.getFileName() + ".json");
            assertEquals(0, report.get("rows_stored").asInt(), file.getFileName().toString());
            assertEquals(report.get("rows_read").asInt(), report.get("rows_unchanged").asInt());
        }
        assertEquals(state, scan(setting("tripflow.orders.state-table"), "pk"), "no state changed");
        awaitKpis(reference);
    }

    @Test
    void itemsBeforeTheirOrdersAndProductsWaitAsOrphansAndThenCount() throws Exception {
        start();
        ShopGenerator shop = new ShopGenerator(12, 120, 40, LocalDate.of(2025, 4, 1), 4);
        List<Path> written = shop.write(dir, 2);
        ShopReference reference = ShopReference.of(written);
        List<Path> items = written.stream().filter(f -> f.getFileName().toString().startsWith("order_items")).toList();
        for (Path file : items) {
            files.drop("orders/incoming/" + file.getFileName(), Files.readAllBytes(file));
        }
        template.sendBody("direct:order-kpi-schedule", null);
        List<String> orphanReports = files.keysOf(setting("tripflow.kpi.bucket"), "order-orphans/");
        assertEquals(reference.orderKpis.size(), orphanReports.size(), "a report per date: " + orphanReports);
        JsonNode first = files.json(setting("tripflow.kpi.bucket"), orphanReports.get(0));
        assertEquals("order and product", first.get("items").get(0).get("missing").asText());

        for (Path file : written) {
            if (!items.contains(file)) {
                files.drop("orders/incoming/" + file.getFileName(), Files.readAllBytes(file));
            }
        }
        awaitKpis(reference);
        template.sendBody("direct:order-kpi-schedule", null);
        assertEquals(List.of(), files.keysOf(setting("tripflow.kpi.bucket"), "order-orphans/"), "no orphan left");
    }

    @Test
    void badRowsAreRejectedWithTheirLineAndReasonWhileTheRestCount() throws Exception {
        start();
        files.drop("orders/incoming/products.csv", String.join("\n", ShopGenerator.PRODUCTS_HEADER,
                "100,S100,5.00,Jeans,Jean,Brand A,30.00,Women",
                "101,S101,2.00,Socks,Sock,,10.00,Men",
                "102,S102,-1,Socks,Bad,B,10,Men",
                "103,S103,1,,No category,B,2,Men",
                "104,S104,1e-999999999,Socks,Twelve characters that once cost a gigabyte,B,2,Men") + "\n");
        files.drop("orders/incoming/orders.csv", String.join("\n", ShopGenerator.ORDERS_HEADER,
                "1,10,shipped,2025-03-30T16:14:26,,,,2",
                "2,,shipped,2025-03-30T10:00:00,,,,1",
                "3,11,lost,2025-03-30T10:00:00,,,,1",
                "4,12,shipped,2025-02-30T10:00:00,,,,1",
                "5,13,shipped,2025-03-30T10:00:00,,,,1.5",
                "6,14,shipped,2025-03-30T10:00:00,,,,1,extra",
                "7,15,returned,2025-03-30T23:59:59,2025-04-02T10:00:00,,,2",
                // a key DynamoDB refuses (over 2,048 bytes): the row is rejected, not the file retried for ever
                "8".repeat(3_000) + ",16,shipped,2025-03-30T10:00:00,,,,1") + "\n");
        files.drop("orders/incoming/items.csv", String.join("\n", ShopGenerator.ITEMS_HEADER,
                "1,1,10,100,shipped,2025-03-30T16:14:26,,,,19.99",
                "2,1,10,100,shipped,2025-03-30T16:14:26,,,,5.01",
                "3,1,99,100,shipped,2025-03-30T16:14:26,,,,5.00",
                "4,7,15,100,returned,2025-03-30T23:59:59,,,,-1",
                "5,7,15,101,returned,2025-03-30T23:59:59,,,,abc",
                "6,7,15,101,returned,2025-03-30T23:59:59,,,,10.00") + "\n");
        files.drop("orders/incoming/all-bad.csv", ShopGenerator.ORDERS_HEADER + "\n1,,,,,,,\n");
        files.drop("orders/incoming/no-user.csv", "order_id,status,created_at,returned_at,shipped_at,delivered_at,num_of_item\n1,shipped,"
                + "2025-03-30T10:00:00,,,,1\n");

        assertRejected("products.csv", 2, Map.of(4, "cost", 5, "category", 6, "cost '1E-999999999' has 999999999 digits after the decimal point"));
        assertEquals("no brand", files.report("orders/reports/products.csv.json").get("warnings").get(0).get("reason").asText());
        assertRejected("orders.csv", 2, Map.of(3, "user_id", 4, "status", 5, "not a real date", 6, "num_of_item", 7, "cells",
                9, "DynamoDb refused it (ValidationException)"));
        // the quality summary: the share of rows no rule rejected, and the rows of each rule (schema keywords and tripflow's own)
        JsonNode quality = files.report("orders/reports/orders.csv.json").get("quality");
        assertEquals(0, new java.math.BigDecimal("0.25").compareTo(quality.get("score").decimalValue()), "2 of 8 rows stored: " + quality);
        Map<String, Integer> rowsByRule = new TreeMap<>();
        quality.get("rules").forEach(rule -> rowsByRule.put(rule.get("rule").asText(), rule.get("rows").asInt()));
        assertTrue(rowsByRule.keySet().containsAll(List.of("real_time", "field_count", "store_refused")), rowsByRule.toString());
        assertEquals(6, rowsByRule.values().stream().mapToInt(Integer::intValue).sum(), "one rule each: " + rowsByRule);
        List<String> warnedBy = new ArrayList<>();
        files.report("orders/reports/products.csv.json").get("quality").get("rules").forEach(rule -> {
            if (rule.get("outcome").asText().equals("warned")) {
                warnedBy.add(rule.get("rule").asText());
            }
        });
        assertEquals(List.of("brand"), warnedBy);
        assertRejected("items.csv", 3, Map.of(4, "differs from its order's 10", 5, "sale_price", 6, "sale_price"));
        assertEquals(3, files.report("orders/reports/items.csv.json").get("warnings").get(0).get("line").asInt(), "product 100 twice in order 1");
        assertRejected("all-bad.csv", 0, Map.of(2, "user_id"));
        assertTrue(files.keys().contains("orders/processed/all-bad.csv"), "a file of bad rows is done with, not retried");
        assertTrue(files.keys().contains("orders/rejected/no-user.csv"));
        assertTrue(files.report("orders/reports/no-user.csv.json").get("file_rejected_because").asText().contains("user_id"));

        ShopReference expected = new ShopReference();
        expected.orderKpis.put(LocalDate.of(2025, 3, 30), Map.of("total_orders", 2, "total_revenue", "35.00", "total_items_sold", 3,
                "return_rate", "0.5", "unique_customers", 2));
        expected.categoryKpis.put("Jeans", Map.of(LocalDate.of(2025, 3, 30), Map.of("daily_revenue", "25.00", "avg_order_value", "25.00",
                "avg_return_rate", 0)));
        expected.categoryKpis.put("Socks", Map.of(LocalDate.of(2025, 3, 30), Map.of("daily_revenue", "10", "avg_order_value", "10",
                "avg_return_rate", 1)));
        awaitKpis(expected);

        // a later file's row replaces the stored one: order 1 returned after all
        files.drop("orders/incoming/orders-update.csv", ShopGenerator.ORDERS_HEADER + "\n1,10,returned,2025-03-30T16:14:26,2025-04-03T09:00:00,,,2\n");
        expected.orderKpis.put(LocalDate.of(2025, 3, 30), Map.of("total_orders", 2, "total_revenue", "35.00", "total_items_sold", 3,
                "return_rate", "1", "unique_customers", 2));
        awaitKpis(expected);
    }

    @Test
    void aRunThatKeepsFailingIsRecordedFailedForTheSchedule() throws Exception {
        start();
        aws.dynamoDb().deleteTable(d -> d.tableName(setting("tripflow.orders.order-kpis-table")));
        LocalDate date = LocalDate.of(2025, 3, 30);
        assertThrows(CamelExecutionException.class, () -> template.sendBodyAndHeader("direct:order-kpi", null, "TripflowKpiDate", date));
        var run = aws.dynamoDb().getItem(g -> g.tableName(setting("tripflow.orders.kpi-runs-table")).consistentRead(true)
                .key(Map.of("kpi_date", AttributeValue.fromS(date.toString())))).item();
        assertEquals("FAILED", run.get("run_status").s());
        assertTrue(run.get("error").s().contains("ResourceNotFoundException"), run.get("error").s());
        assertEquals(List.of(new OrderKpiRuns.Due(date, null)), context.getRegistry().lookupByNameAndType("orderKpiRuns", OrderKpiRuns.class).scheduled());
    }

    private void assertRejected(String file, int stored, Map<Integer, String> reasonByLine) throws Exception {
        JsonNode report = files.report("orders/reports/" + file + ".json");
        assertEquals(stored, report.get("rows_stored").asInt(), file);
        assertEquals(reasonByLine.size(), report.get("rows_rejected").asInt(), file + ": " + report);
        Map<Integer, String> reasons = new TreeMap<>();
        report.get("rejected_rows").forEach(row -> reasons.put(row.get("line").asInt(), row.get("reason").asText()));
        assertEquals(new java.util.TreeSet<>(reasonByLine.keySet()), reasons.keySet(), file);
        reasonByLine.forEach((line, reason) -> assertTrue(reasons.get(line).contains(reason), file + " line " + line + ": " + reasons.get(line)));
    }

    /** Waits until the KPI tables hold exactly the reference's rows (the runs are debounced), then compares them. */
    private void awaitKpis(ShopReference reference) throws InterruptedException {
        Map<LocalDate, Map<String, Object>> expectedOrders = reference.orderKpis;
        Map<String, Map<String, Object>> expectedCategories = new TreeMap<>();
        reference.categoryKpis.forEach((category, byDate) -> byDate.forEach((date, row) -> expectedCategories.put(category + "|" + date, row)));
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        Map<LocalDate, Map<String, Object>> orders;
        Map<String, Map<String, Object>> categories;
        do {
            Thread.sleep(1000);
            orders = new TreeMap<>();
            for (var row : scan(setting("tripflow.orders.order-kpis-table"), "order_date").values()) {
                orders.put(LocalDate.parse(row.get("order_date").s()), figures(row, "order_date"));
            }
            categories = new TreeMap<>();
            for (var row : scan(setting("tripflow.orders.category-kpis-table"), "category", "order_date").values()) {
                categories.put(row.get("category").s() + "|" + row.get("order_date").s(), figures(row, "category", "order_date"));
            }
        } while ((!orders.equals(normalised(expectedOrders)) || !categories.equals(normalised(expectedCategories))) && Instant.now().isBefore(deadline));
        assertEquals(normalised(expectedOrders), orders);
        assertEquals(normalised(expectedCategories), categories);
    }

    /** Figures compared by value (2.50 is 2.5), as DynamoDB numbers are. */
    private static <K> Map<K, Map<String, Object>> normalised(Map<K, Map<String, Object>> rows) {
        Map<K, Map<String, Object>> normal = new TreeMap<>();
        rows.forEach((key, row) -> {
            Map<String, Object> figures = new TreeMap<>();
            row.forEach((name, value) -> figures.put(name, new BigDecimal(value.toString()).stripTrailingZeros()));
            normal.put(key, figures);
        });
        return normal;
    }

    private static Map<String, Object> figures(Map<String, AttributeValue> row, String... keys) {
        Map<String, Object> figures = new TreeMap<>();
        row.forEach((name, value) -> {
            if (!List.of(keys).contains(name)) {
                figures.put(name, new BigDecimal(value.n()).stripTrailingZeros());
            }
        });
        return figures;
    }

    /** A table's items by their key (the values of its key attributes, joined). */
    private Map<String, Map<String, AttributeValue>> scan(String table, String... keys) {
        Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
        aws.dynamoDb().scanPaginator(s -> s.tableName(table).consistentRead(true)).items()
                .forEach(item -> items.put(String.join("|", List.of(keys).stream().map(key -> item.get(key).s()).toList()), item));
        return items;
    }
}
