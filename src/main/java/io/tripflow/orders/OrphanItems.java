package io.tripflow.orders;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.tripflow.engine.RouteVariables;
import org.apache.camel.ExchangeProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Order items still without their order or product after the orphan time, one report per date of
 * the item's created_at ({@code <orphans-prefix><date>/orphan-items.json} in the KPI bucket): which
 * item, which order and product, what is missing, since when. A date whose orphans have all found
 * their order and product loses its report.
 */
public class OrphanItems {

    static final String REPORT_NAME = "orphan-items.json";
    private static final String NO_DATE = "unknown-date";

    /** A report to write: its key in the KPI bucket and its document. */
    public record Report(String key, Map<String, Object> json) {
    }

    private final DynamoDbClient dynamoDb;
    private final String stateTable;
    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final Duration orphanAfter;
    private final Clock clock;

    public OrphanItems(DynamoDbClient dynamoDb, String stateTable, S3Client s3, String bucket, String prefix, Duration orphanAfter, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.stateTable = stateTable;
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.orphanAfter = orphanAfter;
        this.clock = clock;
    }

    /** The reports of every date with orphans, from the waiting index (oldest first, up to the orphan time). */
    public List<Report> reports() {
        String cutoff = ItemResolution.since(clock.instant().minus(orphanAfter));
        Map<String, List<Map<String, Object>>> byDate = new TreeMap<>();
        dynamoDb.queryPaginator(q -> q.tableName(stateTable).indexName(OrderStateTable.WAITING_INDEX)
                        .keyConditionExpression("#w = :w AND #since <= :cutoff")
                        .expressionAttributeNames(Map.of("#w", ItemResolution.WAITING_PARTITION, "#since", ItemResolution.WAITING_SINCE))
                        .expressionAttributeValues(Map.of(":w", AttributeValue.fromS(ItemResolution.WAITING), ":cutoff", AttributeValue.fromS(cutoff))))
                .items().forEach(item -> {
                    Map<String, Object> orphan = new LinkedHashMap<>();
                    orphan.put("id", text(item, "id"));
                    orphan.put("order_id", text(item, "order_id"));
                    orphan.put("product_id", text(item, "product_id"));
                    orphan.put("missing", text(item, ItemResolution.WAITING_FOR));
                    orphan.put("waiting_since", text(item, ItemResolution.WAITING_SINCE));
                    String created = text(item, "created_at");
                    byDate.computeIfAbsent(created == null ? NO_DATE : OrderState.utcDate(created), date -> new ArrayList<>()).add(orphan);
                });
        List<Report> reports = new ArrayList<>();
        byDate.forEach((date, orphans) -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("date", date);
            json.put("orphan_after_minutes", orphanAfter.toMinutes());
            json.put("generated_at", clock.instant().toString());
            json.put("orphans", orphans.size());
            json.put("items", orphans);
            reports.add(new Report(prefix + date + "/" + REPORT_NAME, json));
        });
        return reports;
    }

    /** Deletes the reports of dates that have no orphans any more. */
    public void removeOutdated(@ExchangeProperty(RouteVariables.ORPHAN_REPORTS) List<Report> current) {
        Set<String> keys = current.stream().map(Report::key).collect(Collectors.toSet());
        s3.listObjectsV2Paginator(l -> l.bucket(bucket).prefix(prefix)).contents().stream()
                .filter(object -> object.key().endsWith("/" + REPORT_NAME) && !keys.contains(object.key()))
                .forEach(object -> s3.deleteObject(d -> d.bucket(bucket).key(object.key())));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
