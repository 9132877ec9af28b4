package io.tripflow.bench;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tripflow.TripflowApplication;
import io.tripflow.localstack.TestStack;
import io.tripflow.orders.OrderKpiCalculator;
import io.tripflow.orders.OrderStateTable;
import io.tripflow.orders.ShopGenerator;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static io.tripflow.bench.Bench.RUNS;
import static io.tripflow.bench.Bench.WARMUPS;
import static io.tripflow.bench.Bench.log;

/**
 * Benchmark 7, the orders line: (a) rows per second from shop files dropped into S3 to stored state
 * (the pipeline in this JVM, orders line only, a generated shop of -Dbench.orders orders in three
 * files per kind, wall time from the first upload to the last report); (b) the KPI recompute of a
 * date with -Dbench.order.items items (the fold over the state's two by-day indexes) against a
 * raw Query of the same index entries that folds nothing.
 */
final class OrdersLine implements Benchmark {

    private static final int ORDERS = Integer.getInteger("bench.orders", 4_000);
    private static final int ITEMS = Integer.getInteger("bench.order.items", 50_000);
    private static final String[] CATEGORIES = ShopGenerator.CATEGORIES.toArray(String[]::new);

    @Override
    public void run(Bench bench) throws Exception {
        intake(bench);
        recompute(bench);
    }

    private void intake(Bench bench) throws Exception {
        Path dir = Files.createTempDirectory("bench-shop");
        List<Path> files = new ShopGenerator(7, ORDERS, 400, LocalDate.of(2025, 3, 1), 20).write(dir, 3);
        long rows = 0;
        for (Path file : files) {
            rows += Files.lines(file).count() - 1;
        }
        double[] rates = new double[RUNS];
        for (int run = -Math.min(WARMUPS, 1); run < RUNS; run++) {
            Map<String, String> settings = new HashMap<>(TestStack.freshResources("bench7", false));
            settings.put("tripflow.streams.per-half.enabled", "false");
            settings.put("tripflow.files.enabled", "false");
            settings.put("tripflow.routes-dir", bench.home.resolve("routes").toString());
            settings.put("tripflow.schemas-dir", bench.home.resolve("schemas").toString());
            TripflowApplication app = new TripflowApplication(settings, TripflowApplication.Mode.PIPELINE);
            app.start();
            try {
                String bucket = settings.get("tripflow.files.bucket");
                long started = System.nanoTime();
                for (Path file : files) {
                    bench.aws.s3().putObject(b -> b.bucket(bucket).key("orders/incoming/" + file.getFileName()), RequestBody.fromFile(file));
                }
                Bench.waitUntil(() -> bench.aws.s3().listObjectsV2(b -> b.bucket(bucket).prefix("orders/reports/")).keyCount() == files.size(), 1800);
                double seconds = (System.nanoTime() - started) / 1e9;
                log("b7 intake run %d: %d rows in %.1f s, %.0f rows/s", run, rows, seconds, rows / seconds);
                if (run >= 0) {
                    rates[run] = rows / seconds;
                }
            } finally {
                app.stop();
            }
        }
        String label = "7. orders line: shop files → stored state (in-process, " + ORDERS + " orders, " + rows + " rows in " + files.size() + " files)";
        bench.row(label, "rows/s", new Figures(Figures.list(rates)).format("%.0f"), "", RUNS);
    }

    private void recompute(Bench bench) throws Exception {
        String table = "bench-order-state-" + System.nanoTime();
        OrderStateTable.create(bench.aws.dynamoDb(), table);
        LocalDate day = LocalDate.of(2025, 3, 30);
        int orders = ITEMS / 3;
        log("loading %d orders and %d items of %s with BatchWriteItem", orders, ITEMS, day);
        bench.batchPut(table, orders, i -> Map.of("pk", s("ORDER#" + i), OrderStateTable.ORDER_DAY, s(day.toString()), "order_id", s("o" + i),
                "user_id", s("u" + i % 5_000), "status", s(i % 9 == 0 ? "returned" : "shipped")));
        bench.batchPut(table, ITEMS, i -> Map.of("pk", s("ITEM#" + i), "item_day", s(day.toString()), "order_id", s("o" + i % orders),
                "category", s(CATEGORIES[i % CATEGORIES.length]), "status", s(i % 7 == 0 ? "returned" : "shipped"),
                "sale_price", AttributeValue.fromN(BigDecimal.valueOf(300 + i % 15_000, 2).toPlainString())));
        OrderKpiCalculator calculator = new OrderKpiCalculator(bench.aws.dynamoDb(), table);
        if (WARMUPS > 0) {
            calculator.compute(day);
            rawQuery(bench, table, day);
        }
        double[] kpi = new double[RUNS];
        double[] raw = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            // each side goes first in every other round
            for (int side = 0; side < 2; side++) {
                long started = System.nanoTime();
                if ((side + i) % 2 == 0) {
                    Object items = calculator.compute(day).orderKpis(day).get("total_items_sold");
                    check(items, "the fold");
                    kpi[i] = (System.nanoTime() - started) / 1e9;
                } else {
                    check(rawQuery(bench, table, day) - orders, "the raw query");
                    raw[i] = (System.nanoTime() - started) / 1e9;
                }
            }
            log("b7 round %d: KPI %.2f s, raw query %.2f s", i, kpi[i], raw[i]);
        }
        String label = "7. order KPIs for one date, " + orders + " orders and " + ITEMS + " items";
        bench.row(label, "recompute (fold of both by-day indexes), s", new Figures(Figures.list(kpi)).format("%.2f"), "", RUNS);
        bench.row(label, "raw Query of the same index entries, s", new Figures(Figures.list(raw)).format("%.2f"), "", RUNS);
        bench.row(label, "recompute ÷ raw query, each run's pair", Figures.ratios(kpi, raw).format("%.2f"), "≤ 1.5", RUNS);
    }

    private static void check(Object items, String who) {
        if (((Number) items).longValue() != ITEMS) {
            throw new IllegalStateException(who + " saw " + items + " items, not " + ITEMS);
        }
    }

    /** Every entry of the date in both by-day indexes, page by page, folding nothing. */
    private static long rawQuery(Bench bench, String table, LocalDate day) {
        long entries = 0;
        for (String[] index : new String[][] {{OrderStateTable.ORDERS_BY_DAY_INDEX, OrderStateTable.ORDER_DAY},
                {OrderStateTable.ITEMS_BY_DAY_INDEX, "item_day"}}) {
            entries += bench.aws.dynamoDb().queryPaginator(q -> q.tableName(table).indexName(index[0]).keyConditionExpression("#d = :d")
                    .expressionAttributeNames(Map.of("#d", index[1])).expressionAttributeValues(Map.of(":d", s(day.toString()))))
                    .stream().mapToLong(page -> page.items().size()).sum();
        }
        return entries;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
