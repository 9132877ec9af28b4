package io.tripflow.deploy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CloudWatch dashboard of cloudformation/tripflow.yaml (a companion of CloudFormationTemplateTest,
 * which already checks that every !Sub reference exists): its body is JSON once substituted, and
 * every widget shows a metric its AWS service publishes, with that metric's dimensions, for a
 * resource of the template, or one of the template's own log metric filters.
 */
class CloudWatchDashboardTest {

    /** A resolved reference to a resource: "resolved:LogicalId" or "resolved:LogicalId.Attribute". */
    private static final String RESOLVED = "resolved:";
    private static final Pattern SUB_REFERENCE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    /** What each AWS service publishes, as far as the dashboard uses it: namespace, metric, its dimensions. */
    private static final Map<String, Map<String, List<String>>> PUBLISHED = Map.of(
            "AWS/Kinesis", Map.of("IncomingRecords", List.of("StreamName"), "GetRecords.IteratorAgeMilliseconds", List.of("StreamName")),
            "AWS/SQS", Map.of("ApproximateNumberOfMessagesVisible", List.of("QueueName"), "ApproximateAgeOfOldestMessage", List.of("QueueName")),
            "ECS/ContainerInsights", Map.of("RunningTaskCount", List.of("ClusterName", "ServiceName"),
                    "DesiredTaskCount", List.of("ClusterName", "ServiceName")),
            "AWS/ECS", Map.of("CPUUtilization", List.of("ClusterName", "ServiceName"), "MemoryUtilization", List.of("ClusterName", "ServiceName")),
            "AWS/DynamoDB", Map.of("ConsumedWriteCapacityUnits", List.of("TableName"), "ConsumedReadCapacityUnits", List.of("TableName"),
                    "WriteThrottleEvents", List.of("TableName"), "ReadThrottleEvents", List.of("TableName")));

    /** The resource type a dimension's value must name. */
    private static final Map<String, String> DIMENSION_RESOURCE_TYPES = Map.of("StreamName", "AWS::Kinesis::Stream",
            "QueueName", "AWS::SQS::Queue", "ClusterName", "AWS::ECS::Cluster", "ServiceName", "AWS::ECS::Service",
            "TableName", "AWS::DynamoDB::Table");

    private static CloudFormationTemplate template;
    private static JsonNode body;

    @BeforeAll
    static void substitute() throws Exception {
        template = CloudFormationTemplate.load();
        var sub = (CloudFormationTemplate.Intrinsic) CloudFormationTemplate.properties(template.resource("Dashboard")).get("DashboardBody");
        assertEquals("Sub", sub.function());
        Matcher reference = SUB_REFERENCE.matcher((String) sub.argument());
        StringBuilder substituted = new StringBuilder();
        while (reference.find()) {
            reference.appendReplacement(substituted, Matcher.quoteReplacement(valueOf(reference.group(1))));
        }
        reference.appendTail(substituted);
        body = new ObjectMapper().readTree(substituted.toString());
    }

    /** A parameter's default, a pseudo parameter's example, or a marker naming the resource. */
    private static String valueOf(String name) {
        if (name.startsWith("AWS::")) {
            return name.equals("AWS::Region") ? "eu-west-1" : "tripflow";
        }
        String parameter = template.parameterDefault(name);
        return parameter != null ? parameter : RESOLVED + name;
    }

    @Test
    void everyMetricWidgetShowsAPublishedMetricOfATemplateResource() {
        Set<String> ownMetrics = logMetricFilterMetrics();
        List<String> problems = new ArrayList<>();
        int metrics = 0;
        for (JsonNode widget : body.get("widgets")) {
            if (!widget.get("type").asText().equals("metric")) {
                continue;
            }
            for (JsonNode row : widget.get("properties").get("metrics")) {
                metrics++;
                String namespace = row.get(0).asText();
                String metric = row.get(1).asText();
                List<String> dimensions = new ArrayList<>();
                for (int i = 2; i + 1 < row.size() && row.get(i).isTextual(); i += 2) {
                    dimensions.add(row.get(i).asText());
                    checkNamesResource(row.get(i).asText(), row.get(i + 1).asText(), problems);
                }
                List<String> expected = namespace.equals("tripflow") ? (ownMetrics.contains(metric) ? List.of() : null)
                        : PUBLISHED.getOrDefault(namespace, Map.of()).get(metric);
                if (expected == null) {
                    problems.add(namespace + " " + metric + ": not a metric this namespace has");
                } else if (!expected.equals(dimensions)) {
                    problems.add(namespace + " " + metric + ": dimensions " + dimensions + ", published with " + expected);
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(metrics >= 16, metrics + " metrics");
    }

    @Test
    void everyStreamIsShownAndTheLogWidgetReadsTheTasksLogGroup() {
        Set<String> shown = new HashSet<>();
        for (JsonNode widget : body.get("widgets")) {
            if (widget.get("type").asText().equals("log")) {
                assertTrue(widget.get("properties").get("query").asText().startsWith("SOURCE '" + RESOLVED + "LogGroup'"));
            } else {
                widget.get("properties").get("metrics").forEach(row -> {
                    if (row.get(0).asText().equals("AWS/Kinesis")) {
                        shown.add(row.get(1).asText() + " " + row.get(3).asText());
                    }
                });
            }
        }
        for (String stream : resourcesOfType("AWS::Kinesis::Stream")) {
            for (String metric : List.of("IncomingRecords", "GetRecords.IteratorAgeMilliseconds")) {
                assertTrue(shown.contains(metric + " " + RESOLVED + stream), metric + " of " + stream);
            }
        }
    }

    private void checkNamesResource(String dimension, String value, List<String> problems) {
        String type = DIMENSION_RESOURCE_TYPES.get(dimension);
        if (!value.startsWith(RESOLVED)) {
            problems.add(dimension + " = " + value + ": not a name of the template's own resources");
            return;
        }
        String logicalId = value.substring(RESOLVED.length()).split("\\.")[0];
        Map<String, Object> resource = template.resource(logicalId);
        if (resource == null || !resource.get("Type").equals(type)) {
            problems.add(dimension + " = " + value + ": not a " + type);
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<String> logMetricFilterMetrics() {
        Set<String> metrics = new HashSet<>();
        for (String logicalId : resourcesOfType("AWS::Logs::MetricFilter")) {
            var transformations = (List<Map<String, Object>>) CloudFormationTemplate.properties(template.resource(logicalId)).get("MetricTransformations");
            transformations.stream().filter(t -> "tripflow".equals(t.get("MetricNamespace"))).forEach(t -> metrics.add((String) t.get("MetricName")));
        }
        return metrics;
    }

    @SuppressWarnings("unchecked")
    private static List<String> resourcesOfType(String type) {
        return template.section("Resources").entrySet().stream()
                .filter(e -> type.equals(((Map<String, Object>) e.getValue()).get("Type"))).map(Map.Entry::getKey).toList();
    }
}
