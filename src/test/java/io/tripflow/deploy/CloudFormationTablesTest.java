package io.tripflow.deploy;

import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tripflow.intake.FileClaims;
import io.tripflow.orders.OrderKpis;
import io.tripflow.orders.OrderStateTable;
import io.tripflow.trip.TripTable;
import io.tripflow.trip.analytics.AnalyticsTables;
import io.tripflow.trip.kpi.KpiRuns;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every table of cloudformation/tripflow.yaml is shaped as the code creates it (keys, attribute
 * types, indexes and what they project), from the one CreateTable request defined next to each
 * table's class, and the task role may query every index the code reads.
 */
class CloudFormationTablesTest {

    private static CloudFormationTemplate template;

    @BeforeAll
    static void load() throws IOException {
        template = CloudFormationTemplate.load();
    }

    /** Each table resource with the request the code creates it by (the name is the template's own). */
    private static Map<String, CreateTableRequest> tables() {
        Map<String, CreateTableRequest> tables = new LinkedHashMap<>();
        tables.put("TripsTable", TripTable.request("t"));
        tables.put("KpiRunsTable", KpiRuns.tableRequest("t"));
        tables.put("FileClaimsTable", FileClaims.tableRequest("t"));
        for (String analytics : List.of("HighValueTripsTable", "TripDurationTable", "FarePerDistanceTable")) {
            tables.put(analytics, AnalyticsTables.request("t"));
        }
        tables.put("OrderStateTable", OrderStateTable.request("t"));
        tables.put("OrderKpisTable", OrderKpis.orderTableRequest("t"));
        tables.put("CategoryKpisTable", OrderKpis.categoryTableRequest("t"));
        tables.put("OrderKpiRunsTable", KpiRuns.tableRequest("t"));
        return tables;
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyTableIsShapedAsTheCodeCreatesIt() {
        tables().forEach((resource, created) -> {
            Map<String, Object> table = CloudFormationTemplate.properties(template.resource(resource));
            assertEquals(keys(created.keySchema()), table.get("KeySchema"), resource);
            assertEquals(new HashSet<>(created.attributeDefinitions().stream()
                            .map(a -> Map.of("AttributeName", a.attributeName(), "AttributeType", a.attributeTypeAsString())).toList()),
                    new HashSet<>((List<Object>) table.get("AttributeDefinitions")), resource);
            List<Map<String, Object>> declared = (List<Map<String, Object>>) table.getOrDefault("GlobalSecondaryIndexes", List.of());
            assertEquals(created.globalSecondaryIndexes().size(), declared.size(), resource + " indexes");
            for (int i = 0; i < declared.size(); i++) {
                var index = created.globalSecondaryIndexes().get(i);
                String where = resource + " " + index.indexName();
                assertEquals(index.indexName(), declared.get(i).get("IndexName"), where);
                assertEquals(keys(index.keySchema()), declared.get(i).get("KeySchema"), where);
                Map<String, Object> projection = (Map<String, Object>) declared.get(i).get("Projection");
                assertEquals(index.projection().projectionTypeAsString(), projection.get("ProjectionType"), where);
                assertEquals(index.projection().nonKeyAttributes(), projection.getOrDefault("NonKeyAttributes", List.of()), where);
            }
        });
    }

    @Test
    void theTaskRoleMayQueryTheIndexesTheCodeReads() {
        String role = template.resource("TaskRole").toString();
        for (String index : List.of(TripTable.COMPLETED_BY_DATE_INDEX, TripTable.OPEN_BY_DATE_INDEX)) {
            assertTrue(role.contains("${TripsTable.Arn}/index/" + index), "the task role may query the index " + index);
        }
        assertTrue(role.contains("${OrderStateTable.Arn}/index/*"), "the task role may query the orders state's indexes");
        assertTrue(role.contains("${CategoryKpisTable.Arn}/index/*") || role.contains("${CategoryKpisTable.Arn}/index/"
                + OrderKpis.CATEGORIES_BY_DATE_INDEX), "the task role may list a date's categories");
    }

    private static List<Map<String, String>> keys(List<KeySchemaElement> schema) {
        return schema.stream().map(k -> Map.of("AttributeName", k.attributeName(), "KeyType", k.keyTypeAsString())).toList();
    }
}
