package io.tripflow.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tripflow.config.TripflowSettings;
import io.tripflow.deploy.CloudFormationTemplate.Intrinsic;
import io.tripflow.localstack.NpmTools;
import io.tripflow.localstack.TestStack;
import io.tripflow.orders.OrderStateTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * cloudformation/tripflow.yaml against the CloudFormation resource specification (117, from the
 * npm package @aws-cdk/cfnspec) and against the code: names, keys, settings and permissions.
 */
class CloudFormationTemplateTest {

    private static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::NoValue", "AWS::Partition", "AWS::Region",
            "AWS::StackId", "AWS::StackName", "AWS::URLSuffix", "AWS::NotificationARNs");
    private static final Pattern SUB_REFERENCE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private static CloudFormationTemplate template;
    private static JsonNode spec;
    private static Properties defaults;

    @BeforeAll
    static void load() throws IOException {
        template = CloudFormationTemplate.load();
        Path cfnspec = NpmTools.packageDir(Path.of("").toAbsolutePath(), "@aws-cdk/cfnspec");
        spec = new ObjectMapper().readTree(cfnspec.resolve("spec/specification.json").toFile());
        defaults = TestStack.applicationProperties();
    }

    @Test
    void isCheckedAgainstSpecification117() {
        assertEquals("117.0.0", spec.get("ResourceSpecificationVersion").asText());
    }

    @Test
    void everyResourceTypeAndPropertyExistsAndEveryRequiredPropertyIsSet() {
        List<String> problems = new ArrayList<>();
        template.section("Resources").forEach((id, value) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> resource = (Map<String, Object>) value;
            String type = (String) resource.get("Type");
            JsonNode typeSpec = spec.get("ResourceTypes").get(type);
            if (typeSpec == null) {
                problems.add(id + ": no resource type " + type);
                return;
            }
            checkProperties(id, type, typeSpec.get("Properties"), CloudFormationTemplate.properties(resource), problems);
        });
        assertEquals(List.of(), problems);
    }

    private void checkProperties(String where, String resourceType, JsonNode propertySpecs, Map<String, Object> properties, List<String> problems) {
        propertySpecs.fields().forEachRemaining(field -> {
            if (field.getValue().path("Required").asBoolean() && !properties.containsKey(field.getKey())) {
                problems.add(where + ": required property " + field.getKey() + " is missing");
            }
        });
        properties.forEach((name, value) -> {
            JsonNode propertySpec = propertySpecs.get(name);
            if (propertySpec == null) {
                problems.add(where + ": " + resourceType + " has no property " + name);
                return;
            }
            String type = propertySpec.path("Type").asText(null);
            String itemType = propertySpec.path("ItemType").asText(null);
            if (value instanceof Map<?, ?> map && type != null && !type.equals("Map") && !type.equals("Json")) {
                checkNested(where + "." + name, resourceType, type, map, problems);
            } else if (value instanceof List<?> list && "List".equals(type) && itemType != null) {
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i) instanceof Map<?, ?> item) {
                        checkNested(where + "." + name + "[" + i + "]", resourceType, itemType, item, problems);
                    }
                }
            }
        });
    }

    @SuppressWarnings("unchecked")
    private void checkNested(String where, String resourceType, String typeName, Map<?, ?> value, List<String> problems) {
        JsonNode propertyType = spec.get("PropertyTypes").get(resourceType + "." + typeName);
        if (propertyType == null) {
            propertyType = spec.get("PropertyTypes").get(typeName);
        }
        if (propertyType == null) {
            problems.add(where + ": no property type " + typeName);
            return;
        }
        checkProperties(where, resourceType, propertyType.get("Properties"), (Map<String, Object>) value, problems);
    }

    @Test
    void everyRefGetAttSubAndConditionPointsAtSomethingReal() {
        Set<String> parameters = template.section("Parameters").keySet();
        Map<String, Object> resources = template.section("Resources");
        Set<String> conditions = template.section("Conditions").keySet();
        List<String> problems = new ArrayList<>();
        CloudFormationTemplate.forEachIntrinsic(template.root(), call -> {
            switch (call.function()) {
                case "Ref" -> checkRef((String) call.argument(), parameters, resources, problems);
                case "GetAtt" -> {
                    String target = call.argument() instanceof List<?> parts ? parts.get(0) + "." + parts.get(1) : (String) call.argument();
                    checkGetAtt(target, resources, problems);
                }
                case "Sub" -> {
                    String text = call.argument() instanceof List<?> parts ? (String) parts.get(0) : (String) call.argument();
                    Matcher m = SUB_REFERENCE.matcher(text);
                    while (m.find()) {
                        String name = m.group(1);
                        if (name.contains(".") && !name.startsWith("AWS::")) {
                            checkGetAtt(name, resources, problems);
                        } else {
                            checkRef(name, parameters, resources, problems);
                        }
                    }
                }
                case "If" -> {
                    String condition = (String) ((List<?>) call.argument()).get(0);
                    if (!conditions.contains(condition)) {
                        problems.add("!If on unknown condition " + condition);
                    }
                }
                case "Condition" -> {
                    if (!conditions.contains((String) call.argument())) {
                        problems.add("unknown condition " + call.argument());
                    }
                }
                default -> {
                }
            }
        });
        assertEquals(List.of(), problems);
    }

    private static void checkRef(String name, Set<String> parameters, Map<String, Object> resources, List<String> problems) {
        if (!parameters.contains(name) && !resources.containsKey(name) && !PSEUDO_PARAMETERS.contains(name)) {
            problems.add("!Ref " + name + ": no such parameter, resource or pseudo parameter");
        }
    }

    @SuppressWarnings("unchecked")
    private void checkGetAtt(String target, Map<String, Object> resources, List<String> problems) {
        String[] parts = target.split("\\.", 2);
        Map<String, Object> resource = (Map<String, Object>) resources.get(parts[0]);
        if (resource == null) {
            problems.add("!GetAtt " + target + ": no resource " + parts[0]);
            return;
        }
        JsonNode attributes = spec.get("ResourceTypes").get((String) resource.get("Type")).get("Attributes");
        if (attributes == null || attributes.get(parts[1]) == null) {
            problems.add("!GetAtt " + target + ": " + resource.get("Type") + " has no attribute " + parts[1]);
        }
    }

    @Test
    void namesDefaultToTheApplicationsOwnSettings() {
        assertEquals(defaults.getProperty("tripflow.streams.trip-start"), template.parameterDefault("TripStartStreamName"));
        assertEquals(defaults.getProperty("tripflow.streams.trip-end"), template.parameterDefault("TripEndStreamName"));
        assertEquals(defaults.getProperty("tripflow.streams.trip-events"), template.parameterDefault("TripEventsStreamName"));
        assertEquals(defaults.getProperty("tripflow.streams.trip-start.shards"), template.parameterDefault("ShardCount"));
        assertEquals(defaults.getProperty("tripflow.trips.table"), template.parameterDefault("TripsTableName"));
        assertEquals(defaults.getProperty("tripflow.trips.date-buckets"), template.parameterDefault("DateBuckets"));
        assertEquals(defaults.getProperty("tripflow.kpi.runs-table"), template.parameterDefault("KpiRunsTableName"));
        assertEquals(defaults.getProperty("tripflow.dead-letter.queue"), template.parameterDefault("DeadLetterQueueName"));
        assertEquals(defaults.getProperty("tripflow.kpi.bucket"), template.parameterDefault("KpiBucketPrefix"));
        assertEquals(defaults.getProperty("tripflow.files.bucket"), template.parameterDefault("FilesBucketPrefix"));
        assertEquals(defaults.getProperty("tripflow.files.claims-table"), template.parameterDefault("FileClaimsTableName"));
        assertEquals(defaults.getProperty("tripflow.analytics.high-value-table"), template.parameterDefault("HighValueTripsTableName"));
        assertEquals(defaults.getProperty("tripflow.analytics.duration-table"), template.parameterDefault("TripDurationTableName"));
        assertEquals(defaults.getProperty("tripflow.analytics.fare-per-distance-table"), template.parameterDefault("FarePerDistanceTableName"));
        assertEquals(defaults.getProperty("tripflow.orders.state-table"), template.parameterDefault("OrderStateTableName"));
        assertEquals(defaults.getProperty("tripflow.orders.order-kpis-table"), template.parameterDefault("OrderKpisTableName"));
        assertEquals(defaults.getProperty("tripflow.orders.category-kpis-table"), template.parameterDefault("CategoryKpisTableName"));
        assertEquals(defaults.getProperty("tripflow.orders.kpi-runs-table"), template.parameterDefault("OrderKpiRunsTableName"));
        assertEquals(defaults.getProperty("tripflow.kcl.application-name"), template.parameterDefault("KclApplicationName"));
        assertEquals(defaults.getProperty("tripflow.kcl.metrics-level"), template.parameterDefault("KclMetricsLevel"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyEnvironmentVariableOfTheTaskIsARealSettingWiredToItsResource() {
        Set<String> settings = new TreeSet<>();
        defaults.stringPropertyNames().stream().filter(k -> k.startsWith("tripflow.")).map(TripflowSettings::envVarOf).forEach(settings::add);
        Map<String, Object> container = ((List<Map<String, Object>>) CloudFormationTemplate.properties(template.resource("TaskDefinition"))
                .get("ContainerDefinitions")).get(0);
        Map<String, Object> environment = new HashMap<>();
        for (Map<String, Object> variable : (List<Map<String, Object>>) container.get("Environment")) {
            environment.put((String) variable.get("Name"), variable.get("Value"));
        }
        for (String name : environment.keySet()) {
            assertTrue(name.equals("AWS_REGION") || settings.contains(name), name + " is not a tripflow setting");
        }
        assertEquals(new Intrinsic("Ref", "TripStartStream"), environment.get("TRIPFLOW_STREAMS_TRIP_START"));
        assertEquals(new Intrinsic("Ref", "TripEndStream"), environment.get("TRIPFLOW_STREAMS_TRIP_END"));
        assertEquals(new Intrinsic("Ref", "TripEventsStream"), environment.get("TRIPFLOW_STREAMS_TRIP_EVENTS"));
        assertEquals(new Intrinsic("Ref", "TripsTable"), environment.get("TRIPFLOW_TRIPS_TABLE"));
        assertEquals(new Intrinsic("Ref", "KpiRunsTable"), environment.get("TRIPFLOW_KPI_RUNS_TABLE"));
        assertEquals(new Intrinsic("GetAtt", "DeadLetterQueue.QueueName"), environment.get("TRIPFLOW_DEAD_LETTER_QUEUE"));
        assertEquals(new Intrinsic("Ref", "KpiBucket"), environment.get("TRIPFLOW_KPI_BUCKET"));
        assertEquals(new Intrinsic("Ref", "FilesBucket"), environment.get("TRIPFLOW_FILES_BUCKET"));
        assertEquals(new Intrinsic("Ref", "FileClaimsTable"), environment.get("TRIPFLOW_FILES_CLAIMS_TABLE"));
        assertEquals(new Intrinsic("Ref", "OrderStateTable"), environment.get("TRIPFLOW_ORDERS_STATE_TABLE"));
        assertEquals(new Intrinsic("Ref", "OrderKpisTable"), environment.get("TRIPFLOW_ORDERS_ORDER_KPIS_TABLE"));
        assertEquals(new Intrinsic("Ref", "CategoryKpisTable"), environment.get("TRIPFLOW_ORDERS_CATEGORY_KPIS_TABLE"));
        assertEquals(new Intrinsic("Ref", "OrderKpiRunsTable"), environment.get("TRIPFLOW_ORDERS_KPI_RUNS_TABLE"));
        assertEquals(30, Integer.parseInt((String) container.get("StopTimeout")), "ECS stop timeout");
        assertEquals("true", container.get("ReadonlyRootFilesystem"));
    }

    @Test
    void deadLetterRecordsKeptInS3ExpireOnlyAfterEveryMessagePointingAtThemHasLeftTheQueue() {
        String prefix = defaults.getProperty("tripflow.dead-letter.overflow-prefix");
        @SuppressWarnings("unchecked")
        Map<String, Object> lifecycle = (Map<String, Object>) CloudFormationTemplate.properties(template.resource("KpiBucket")).get("LifecycleConfiguration");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rules = (List<Map<String, Object>>) lifecycle.get("Rules");
        Map<String, Object> expiry = rules.stream().filter(rule -> prefix.equals(rule.get("Prefix"))).findFirst()
                .orElseThrow(() -> new AssertionError("no lifecycle rule for " + prefix));
        long retentionSeconds = Long.parseLong(String.valueOf(CloudFormationTemplate.properties(template.resource("DeadLetterQueue")).get("MessageRetentionPeriod")));
        long expirySeconds = Long.parseLong(String.valueOf(expiry.get("ExpirationInDays"))) * 24 * 3600;
        assertTrue(expirySeconds > retentionSeconds, "records expire after " + expirySeconds + " s, messages live " + retentionSeconds + " s");
    }

    @Test
    void theTaskRoleGrantsNoWildcardActionAndScopesEveryResource() {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> statement : TaskRolePolicy.statements(template)) {
            for (String action : TaskRolePolicy.actionsOf(statement)) {
                if (action.contains("*")) {
                    problems.add("wildcard action " + action);
                }
            }
            Object resource = statement.get("Resource");
            if ("*".equals(resource) && !statement.containsKey("Condition")) {
                problems.add("unscoped resource for " + TaskRolePolicy.actionsOf(statement));
            }
        }
        assertEquals(List.of(), problems);
        assertFalse(TaskRolePolicy.grantedActions(template).isEmpty());
    }
}
