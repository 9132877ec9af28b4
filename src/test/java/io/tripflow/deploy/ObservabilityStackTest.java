package io.tripflow.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.tripflow.localstack.TestStack;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docker/compose.yaml's observability profile is wired end to end: Prometheus scrapes tripflow's
 * metrics endpoint on its management port, Grafana's datasource is that Prometheus, and Grafana
 * provisions the dashboard file from where compose mounts it. Neither runs by default.
 */
class ObservabilityStackTest {

    private static final Path DOCKER = Path.of("docker");

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesTripflowAndGrafanaShowsItsDashboard() throws Exception {
        Map<String, Object> services = (Map<String, Object>) yaml("compose.yaml").get("services");
        Map<String, Object> prometheus = (Map<String, Object>) services.get("prometheus");
        Map<String, Object> grafana = (Map<String, Object>) services.get("grafana");
        assertEquals(List.of("observability"), prometheus.get("profiles"));
        assertEquals(List.of("observability"), grafana.get("profiles"));
        assertTrue(((List<String>) ((Map<String, Object>) services.get("tripflow")).get("ports")).contains("9876:9876"));

        Map<String, Object> job = ((List<Map<String, Object>>) yaml("prometheus/prometheus.yml").get("scrape_configs")).get(0);
        assertEquals("/observe/metrics", job.get("metrics_path"));
        String port = TestStack.applicationProperties().getProperty("tripflow.management.port");
        assertEquals(List.of("tripflow:" + port), ((List<Map<String, Object>>) job.get("static_configs")).get(0).get("targets"));
        assertTrue(((List<String>) prometheus.get("volumes")).contains("./prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro"));

        Map<String, Object> datasource = ((List<Map<String, Object>>) yaml("grafana/provisioning/datasources/prometheus.yaml")
                .get("datasources")).get(0);
        assertEquals("http://prometheus:9090", datasource.get("url"));
        assertTrue(((List<String>) prometheus.get("ports")).contains("9090:9090"));
        Map<String, Object> provider = ((List<Map<String, Object>>) yaml("grafana/provisioning/dashboards/tripflow.yaml").get("providers")).get(0);
        String dashboards = (String) ((Map<String, Object>) provider.get("options")).get("path");
        assertTrue(((List<String>) grafana.get("volumes")).contains("./grafana/tripflow.json:" + dashboards + "/tripflow.json:ro"));
        assertTrue(((List<String>) grafana.get("volumes")).contains("./grafana/provisioning:/etc/grafana/provisioning:ro"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(String file) throws Exception {
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(DOCKER.resolve(file)));
    }
}
