package io.tripflow.routes;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.tripflow.engine.RouteVariables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** daily-kpi.yaml with README's Hive-style key template, the layout Athena and Glue partition by. */
class DailyKpiHiveRouteIT extends RouteTestSupport {

    private static final String HIVE_TEMPLATE = "kpi_output/date={yyyy}-{MM}-{dd}/kpi.json";

    @Override
    List<String> routeFiles() {
        return List.of("daily-kpi.yaml", "kpi-run.yaml", "write-json-to-s3.yaml", "errors-to-caller.yaml");
    }

    @Override
    Map<String, String> extraSettings() {
        return Map.of("tripflow.kpi.key-template", HIVE_TEMPLATE, "tripflow.kpi.csv-key", "kpi_output/daily_trip_kpis.csv");
    }

    @BeforeEach
    void start() throws Exception {
        replaceConsumer("daily-kpi-schedule");
        context.start();
    }

    @Test
    void eachDateIsAPartitionAndTheCsvListsThemAll() {
        for (LocalDate date : List.of(LocalDate.of(2024, 5, 26), LocalDate.of(2024, 5, 25))) {
            template.sendBodyAndHeader("direct:daily-kpi", null, RouteVariables.KPI_DATE, date);
        }
        String bucket = setting("tripflow.kpi.bucket");
        List<String> keys = aws.s3().listObjectsV2(l -> l.bucket(bucket)).contents().stream().map(o -> o.key()).toList();
        assertEquals(List.of("kpi_output/daily_trip_kpis.csv",
                "kpi_output/date=2024-05-25/kpi.json", "kpi_output/date=2024-05-25/open-trips.json",
                "kpi_output/date=2024-05-26/kpi.json", "kpi_output/date=2024-05-26/open-trips.json"), keys);
        List<String> csv = aws.s3().getObjectAsBytes(b -> b.bucket(bucket).key("kpi_output/daily_trip_kpis.csv")).asUtf8String().lines().toList();
        assertEquals(3, csv.size());
        assertTrue(csv.get(1).startsWith("2024-05-25,0,") && csv.get(2).startsWith("2024-05-26,0,"), String.join("\n", csv));
    }
}
