package io.tripflow.pipeline;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tripflow.cli.SimulateCommand;
import io.tripflow.simulate.Simulation;
import io.tripflow.trip.TripJson;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What `tripflow simulate` says the pipeline must produce is what the running pipeline produces. */
class SimulateIT {

    @Test
    void theRunningPipelineProducesExactlyTheKpisTheSimulatorExpects() throws Exception {
        var options = new Simulation.Options(400, LocalDate.parse("2024-06-20"), 2024, 0.1, 0.2, 0.1, 0.05);
        try (RunningTripflow tripflow = new RunningTripflow("simulate", Map.of())) {
            JsonNode expected = TripJson.strictReader().readTree(SimulateCommand.simulate(tripflow.camel, new Simulation(options), 0));

            LocalDate[] dates = new LocalDate[expected.get("kpis").size()];
            for (int i = 0; i < dates.length; i++) {
                dates[i] = LocalDate.parse(expected.get("kpis").get(i).get("date").asText());
            }
            tripflow.awaitCompletedTrips(400, Duration.ofMinutes(3), dates);
            await().atMost(Duration.ofMinutes(1)).until(() -> tripflow.deadLetterCount() >= expected.get("dead_letters").asInt());
            assertEquals(expected.get("dead_letters").asInt(), tripflow.deadLetterCount());
            for (JsonNode want : expected.get("kpis")) {
                ObjectNode got = (ObjectNode) tripflow.kpi(LocalDate.parse(want.get("date").asText()));
                got.remove("generated_at");
                assertEquals(want, got);
            }
        }
    }
}
