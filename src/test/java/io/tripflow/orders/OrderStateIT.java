package io.tripflow.orders;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tripflow.csv.CsvRecords;
import io.tripflow.localstack.TestStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A generated shop's rows stored in the state on DynamoDB (Local), items before their orders and
 * products, then every row again in shuffled order: the KPIs of every date and category equal the
 * reference computed from the files, and the second pass stores nothing.
 */
class OrderStateIT {

    private record Row(OrderFileKind kind, ObjectNode json) {
    }

    @Test
    void rowsInAnyOrderAndTwiceGiveTheReferenceKpis(@TempDir Path dir) throws Exception {
        ShopGenerator shop = new ShopGenerator(5, 600, 80, LocalDate.of(2025, 3, 1), 4);
        List<Path> files = shop.write(dir, 2);
        ShopReference reference = ShopReference.of(files);
        List<Row> rows = new ArrayList<>();
        for (Path file : files) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                CsvRecords records = new CsvRecords(in, 100_000);
                List<String> header = records.next().fields();
                OrderFileKind kind = OrderFileKind.of(header).kind();
                OrderRowReader reader = new OrderRowReader(header);
                records.forEachRemaining(record -> rows.add(new Row(kind, reader.read(record.fields()))));
            }
        }
        String table = "order-state-" + Long.toString(System.nanoTime(), 36);
        var dynamoDb = TestStack.clients().dynamoDb();
        OrderStateTable.create(dynamoDb, table);
        OrderState state = new OrderState(dynamoDb, table, Clock.systemUTC());

        // the worst order: every item before any order or product
        rows.sort(Comparator.comparing((Row row) -> row.kind() != OrderFileKind.ORDER_ITEMS));
        Map<OrderState.Stored, Integer> first = store(state, rows);
        assertEquals(Map.of(OrderState.Stored.STORED, rows.size()), first);
        assertEquals(0, state.resolveWaiting(), "every item found its order and product");
        assertKpisEqual(reference, new OrderKpiCalculator(dynamoDb, table));

        Collections.shuffle(rows, new Random(3));
        assertEquals(Map.of(OrderState.Stored.DUPLICATE, rows.size()), store(state, rows), "the same files again store nothing");
        assertKpisEqual(reference, new OrderKpiCalculator(dynamoDb, table));
    }

    private static Map<OrderState.Stored, Integer> store(OrderState state, List<Row> rows) {
        Map<OrderState.Stored, Integer> outcomes = new HashMap<>();
        for (Row row : rows) {
            outcomes.merge(state.put(row.kind(), row.json(), RowVersion.of(Instant.EPOCH, row.json())), 1, Integer::sum);
        }
        return outcomes;
    }

    private static void assertKpisEqual(ShopReference reference, OrderKpiCalculator calculator) {
        reference.orderKpis.forEach((date, expected) -> {
            OrderDayFold day = calculator.compute(date);
            Map<String, Object> figures = new HashMap<>(day.orderKpis(date));
            figures.remove("order_date");
            assertEquals(expected, figures, date.toString());
            reference.categoryKpis.forEach((category, byDate) -> {
                if (byDate.containsKey(date)) {
                    Map<String, Object> row = new HashMap<>(day.categoryKpis(date).get(category));
                    row.remove("category");
                    row.remove("order_date");
                    assertEquals(byDate.get(date), row, category + " " + date);
                }
            });
        });
    }
}
