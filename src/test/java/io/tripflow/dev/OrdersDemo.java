package io.tripflow.dev;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tripflow.TripflowApplication;
import io.tripflow.config.TripflowSettings;
import io.tripflow.localstack.LocalAwsStack;
import org.apache.camel.CamelContext;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * {@code tripflow demo --orders}: the orders line on the embedded stack. The shop files are dropped
 * the hard way round (items before their orders and products), each file's report is printed, and
 * once every touched date is computed the order- and category-level KPI rows are printed and
 * written as CSV under the output directory.
 */
final class OrdersDemo {

    private static final List<String> ORDER_COLUMNS = List.of("order_date", "total_orders", "total_revenue", "total_items_sold",
            "return_rate", "unique_customers");
    private static final List<String> CATEGORY_COLUMNS = List.of("category", "order_date", "daily_revenue", "avg_order_value",
            "avg_return_rate");

    private final Path shopDir;
    private final Path out;
    private final Duration timeout;

    OrdersDemo(Path shopDir, Path out, Duration timeout) {
        this.shopDir = shopDir;
        this.out = out;
        this.timeout = timeout;
    }

    int run() throws Exception {
        List<Path> files;
        try (Stream<Path> listed = Files.list(shopDir)) {
            // items first: they wait for their orders and products, and count once those arrive
            files = listed.filter(f -> f.toString().endsWith(".csv"))
                    .sorted(Comparator.comparing((Path f) -> !f.getFileName().toString().startsWith("order_items")).thenComparing(Path::toString))
                    .toList();
        }
        LocalAwsStack stack = DevStack.startProvisioned();
        Map<String, String> overrides = new HashMap<>(DevStack.devOverrides());
        overrides.put("tripflow.streams.per-half.enabled", "false");
        overrides.put("tripflow.files.enabled", "false");
        TripflowApplication app = new TripflowApplication(overrides, TripflowApplication.Mode.PIPELINE);
        CamelContext camel = app.start();
        try {
            var registry = camel.getRegistry();
            TripflowSettings settings = registry.findSingleByType(TripflowSettings.class);
            S3Client s3 = registry.findSingleByType(S3Client.class);
            DynamoDbClient dynamoDb = registry.findSingleByType(DynamoDbClient.class);
            String bucket = settings.files().bucket();
            var prefixes = settings.orders().prefixes();
            System.out.printf("%-22s %-12s %9s %11s %13s %13s%n", "file", "kind", "rows read", "rows stored", "rows rejected", "with warnings");
            for (Path file : files) {
                String name = file.getFileName().toString();
                s3.putObject(b -> b.bucket(bucket).key(prefixes.incoming() + name), RequestBody.fromFile(file));
                JsonNode report = awaitReport(s3, bucket, prefixes.reports() + name + ".json");
                System.out.printf("%-22s %-12s %9d %11d %13d %13d%n", name, report.path("kind").asText(), report.path("rows_read").asLong(),
                        report.path("rows_stored").asLong(), report.path("rows_rejected").asLong(), report.path("rows_with_warnings").asLong());
            }
            awaitSettled(dynamoDb, settings.orders().kpiRunsTable());
            print(dynamoDb, settings.orders().orderKpisTable(), ORDER_COLUMNS, "order_kpis.csv");
            print(dynamoDb, settings.orders().categoryKpisTable(), CATEGORY_COLUMNS, "category_kpis.csv");
            return 0;
        } finally {
            app.stop();
            stack.close();
        }
    }

    private JsonNode awaitReport(S3Client s3, String bucket, String key) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try {
                return new ObjectMapper().readTree(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
            } catch (NoSuchKeyException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("no report " + key + " within " + timeout, notYet);
                }
                Thread.sleep(250);
            }
        }
    }

    /** Until no date is marked as touched: every date the files touched has been computed since. */
    private void awaitSettled(DynamoDbClient dynamoDb, String runsTable) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (dynamoDb.scan(s -> s.tableName(runsTable).consistentRead(true).filterExpression("attribute_exists(touch_id)")).count() > 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("order KPIs not settled within " + timeout);
            }
            Thread.sleep(500);
        }
    }

    private void print(DynamoDbClient dynamoDb, String table, List<String> columns, String csv) throws Exception {
        List<String> lines = new ArrayList<>(List.of(String.join(",", columns)));
        dynamoDb.scanPaginator(s -> s.tableName(table)).items().stream()
                .map(item -> String.join(",", columns.stream().map(c -> cell(item.get(c))).toList()))
                .sorted().forEach(lines::add);
        Path file = out.resolve("orders").resolve(csv);
        Files.createDirectories(file.getParent());
        Files.write(file, lines);
        System.out.println("\n" + file + " (DynamoDB table " + table + "):");
        lines.forEach(System.out::println);
    }

    private static String cell(AttributeValue value) {
        String text = value == null ? "" : value.s() != null ? value.s() : value.n();
        return text.contains(",") ? "\"" + text + "\"" : text;
    }
}
