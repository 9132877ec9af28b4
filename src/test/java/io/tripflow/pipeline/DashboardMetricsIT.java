package io.tripflow.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tripflow.localstack.ManagementHttp;
import io.tripflow.trip.TripHalf;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docker/grafana/tripflow.json against a running tripflow: after real traffic (a trip, a dead
 * letter, a file with a rejected row, a KPI run), every metric a panel queries is on
 * /observe/metrics, with every label the panel groups or filters by, and the label values it
 * filters on. A panel naming a metric or label that does not exist fails here.
 */
class DashboardMetricsIT {

    private static final Path DASHBOARD = Path.of("docker", "grafana", "tripflow.json");
    /** A metric of ours, Camel's or the JVM's, and its label matchers if any. */
    private static final Pattern METRIC = Pattern.compile("\\b((?:tripflow|camel|jvm)_[a-z0-9_]+)(\\{([^}]*)})?");
    private static final Pattern MATCHER = Pattern.compile("(\\w+)\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern BY = Pattern.compile("by \\(([^)]*)\\)");
    /** Labels Prometheus adds when it scrapes, which the endpoint itself never shows. */
    private static final Set<String> ADDED_BY_PROMETHEUS = Set.of("instance", "job");
    private static final LocalDate DAY = LocalDate.of(2024, 5, 25);

    @Test
    void everyMetricAndLabelAPanelQueriesIsExposedAfterRealTraffic() throws Exception {
        int port = ManagementHttp.freePort();
        try (RunningTripflow tripflow = new RunningTripflow("dashboard", Map.of("tripflow.management.port", String.valueOf(port)))) {
            tripflow.putRaw(tripflow.stream(TripHalf.Side.START), "d-1", """
                    {"trip_id":"d-1","pickup_datetime":"2024-05-25 10:00:00","estimated_dropoff_datetime":"2024-05-25 10:30:00",\
                    "estimated_fare_amount":20}""");
            tripflow.putRaw(tripflow.stream(TripHalf.Side.END), "d-1", """
                    {"trip_id":"d-1","dropoff_datetime":"2024-05-25 10:31:00","fare_amount":21.5,"trip_distance":3}""");
            tripflow.putRaw(tripflow.stream(TripHalf.Side.END), "d-2", "not json");
            String bucket = tripflow.settings.get("tripflow.files.bucket");
            tripflow.aws.s3().putObject(p -> p.bucket(bucket).key("incoming/dashboard.csv"), RequestBody.fromString(
                    "trip_id,pickup_datetime,estimated_dropoff_datetime,estimated_fare_amount\n"
                            + "d-3,2024-05-25 11:00:00,2024-05-25 11:20:00,12.5\n"
                            + "d-4,2024-05-25 11:00:00,2024-05-25 11:20:00,not a fare\n"));
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> tripflow.completedTrips(DAY) == 1
                    && tripflow.deadLetterCount() == 1
                    && tripflow.aws.s3().listObjectsV2(l -> l.bucket(bucket).prefix("processed/dashboard.csv")).keyCount() == 1);
            tripflow.kpi(DAY);
            System.gc(); // the GC panels' series appear with the first collection

            Map<String, List<Map<String, String>>> exposed = parse(ManagementHttp.get(port, "/observe/metrics"));
            List<String> problems = new ArrayList<>();
            int queried = 0;
            for (JsonNode panel : new ObjectMapper().readTree(Files.readString(DASHBOARD)).get("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    queried += check(panel.get("title").asText(), target.get("expr").asText(), exposed, problems);
                }
            }
            assertEquals(List.of(), problems);
            assertTrue(queried >= 15, queried + " metrics queried");
        }
    }

    /** Checks one query; returns how many metrics it names. */
    private static int check(String panel, String expr, Map<String, List<Map<String, String>>> exposed, List<String> problems) {
        List<String> groupedBy = new ArrayList<>();
        Matcher by = BY.matcher(expr);
        while (by.find()) {
            for (String label : by.group(1).split(",")) {
                groupedBy.add(label.trim());
            }
        }
        int metrics = 0;
        Matcher metric = METRIC.matcher(expr);
        while (metric.find()) {
            metrics++;
            String name = metric.group(1);
            List<Map<String, String>> series = exposed.get(name);
            if (series == null) {
                problems.add(panel + ": " + name + " is not exposed");
                continue;
            }
            for (String label : groupedBy) {
                if (!ADDED_BY_PROMETHEUS.contains(label) && series.stream().noneMatch(s -> s.containsKey(label))) {
                    problems.add(panel + ": " + name + " has no label " + label);
                }
            }
            Matcher matcher = MATCHER.matcher(metric.group(3) == null ? "" : metric.group(3));
            while (matcher.find()) {
                String label = matcher.group(1);
                String value = matcher.group(2);
                if (series.stream().noneMatch(s -> value.equals(s.get(label)))) {
                    problems.add(panel + ": no " + name + " with " + label + "=\"" + value + "\"");
                }
            }
        }
        return metrics;
    }

    /** The Prometheus text format: each series' name and labels. */
    private static Map<String, List<Map<String, String>>> parse(String scrape) {
        Map<String, List<Map<String, String>>> series = new HashMap<>();
        for (String line : scrape.lines().toList()) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            String name = line.substring(0, brace >= 0 && brace < space ? brace : space);
            Map<String, String> labels = new HashMap<>();
            if (brace >= 0 && brace < space) {
                Matcher label = MATCHER.matcher(line.substring(brace, line.lastIndexOf('}')));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            series.computeIfAbsent(name, n -> new ArrayList<>()).add(labels);
        }
        return series;
    }
}
