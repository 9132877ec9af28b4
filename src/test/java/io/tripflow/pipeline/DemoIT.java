package io.tripflow.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.tripflow.localstack.TestStack;
import io.tripflow.trip.TripJson;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** README's first command: `bin/tripflow demo` runs the samples end to end on its own stack and exits 0. */
class DemoIT {

    @Test
    void theDemoReplaysTheSamplesAndWritesTheKpiOfEveryDate() throws Exception {
        Path home = Path.of("").toAbsolutePath();
        Path out = home.resolve("target/demo-out");
        Path log = home.resolve("target/it-logs/demo.log");
        Files.createDirectories(log.getParent());
        Process demo = new ProcessBuilder(home.resolve("bin/tripflow").toString(), "demo", "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertTrue(demo.waitFor(5, TimeUnit.MINUTES), "demo did not finish in 5 minutes, see " + log);
        } finally {
            demo.destroyForcibly();
        }
        String output = Files.readString(log);
        assertEquals(0, demo.exitValue(), output);

        // samples/: 300 trips, one with an impossible pick-up date and one with a negative fare.
        long trips = 0;
        for (String day : List.of("25", "26")) {
            String key = TestStack.kpiSchedule(Map.of()).objectKey(LocalDate.parse("2024-05-" + day));
            JsonNode kpi = TripJson.strictReader().readTree(out.resolve(key).toFile());
            assertEquals("2024-05-" + day, kpi.get("date").asText());
            trips += kpi.get("count_trips").asLong();
        }
        assertEquals(298, trips);
        assertTrue(output.contains("tripflow-dead-letters: 2 rejected event(s)"), output);
        assertTrue(output.contains("processed 600/600 events"), output);
    }
}
