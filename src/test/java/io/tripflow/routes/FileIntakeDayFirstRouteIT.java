package io.tripflow.routes;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** file-intake.yaml with TRIPFLOW_FILES_DATETIME_FORMATS=dd-MM-yyyy HH:mm: the day-first file goes through, in UTC. */
class FileIntakeDayFirstRouteIT extends RouteTestSupport {

    @Override
    List<String> routeFiles() {
        return List.of("file-intake.yaml", "file-intake-errors.yaml", "trip-files.yaml");
    }

    @Override
    Map<String, String> extraSettings() {
        return Map.of("tripflow.files.poll-delay-ms", "200", "tripflow.files.datetime-formats", "dd-MM-yyyy HH:mm");
    }

    @Test
    void aDayFirstFileGoesThroughWithItsPatternConfigured() throws Exception {
        context.start();
        DroppedFiles files = new DroppedFiles(context, aws, setting("tripflow.files.bucket"));
        files.drop("incoming/day-first.csv", FileIntakeRouteIT.DAY_FIRST_STARTS);
        JsonNode report = files.report("reports/day-first.csv.json");
        assertEquals(0, report.get("rows_rejected").asInt());
        assertEquals(2, report.get("events_sent").asInt());
        List<String> pickups = files.events(setting("tripflow.streams.trip-start")).stream()
                .map(event -> event.get("pickup_datetime").asText()).sorted().toList();
        assertEquals(List.of("2024-05-25T10:00:00Z", "2024-05-26T23:45:00Z"), pickups);
    }
}
