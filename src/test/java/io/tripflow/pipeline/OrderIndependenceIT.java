package io.tripflow.pipeline;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tripflow.trip.TripHalf;
import io.tripflow.trip.files.TripEventRecord;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Order, duplication and half order do not matter: the same trips published in event-time order,
 * shuffled with every event sent twice, and with every end before its start, give identical
 * DynamoDB items and identical KPI figures.
 */
class OrderIndependenceIT {

    private static final int TRIPS = 400;
    private static final List<LocalDate> DATES = List.of(LocalDate.of(2024, 5, 25), LocalDate.of(2024, 5, 26));

    /** What one scenario ended with: every item by trip id, and each date's KPI without its timestamp. */
    private record Outcome(Map<String, Map<String, AttributeValue>> items, Map<LocalDate, String> kpis) {
    }

    private interface Scenario {
        void publish(RunningTripflow tripflow, List<TripEventRecord> events) throws Exception;
    }

    @Test
    void inOrderShuffledWithDuplicatesAndEndsBeforeStartsGiveTheSameItemsAndKpis() throws Exception {
        List<TripEventRecord> events = NspDataSet.firstTrips(TRIPS);

        Outcome inOrder = run("in-order", events, (tripflow, all) -> tripflow.publish(all));

        Outcome shuffledTwice = run("shuffled-twice", events, (tripflow, all) -> {
            List<TripEventRecord> twice = new ArrayList<>(all);
            twice.addAll(all);
            Collections.shuffle(twice, new Random(7));
            tripflow.publish(twice);
        });

        Outcome endsFirst = run("ends-first", events, (tripflow, all) -> {
            tripflow.publish(all.stream().filter(e -> e.side() == TripHalf.Side.END).toList());
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> tripflow.items().size() >= TRIPS);
            tripflow.publish(all.stream().filter(e -> e.side() == TripHalf.Side.START).toList());
        });

        assertEquals(TRIPS, inOrder.items().size());
        assertEquals(inOrder.items(), shuffledTwice.items(), "shuffled, every event twice");
        assertEquals(inOrder.items(), endsFirst.items(), "every end before its start");
        assertEquals(inOrder.kpis(), shuffledTwice.kpis());
        assertEquals(inOrder.kpis(), endsFirst.kpis());
    }

    private static Outcome run(String name, List<TripEventRecord> events, Scenario scenario) throws Exception {
        try (RunningTripflow tripflow = new RunningTripflow(name, Map.of())) {
            scenario.publish(tripflow, events);
            tripflow.awaitCompletedTrips(TRIPS, Duration.ofMinutes(4), DATES.toArray(LocalDate[]::new));
            Map<LocalDate, String> kpis = new TreeMap<>();
            for (LocalDate date : DATES) {
                ObjectNode kpi = (ObjectNode) tripflow.kpi(date);
                kpi.remove("generated_at");
                kpis.put(date, kpi.toString());
            }
            return new Outcome(tripflow.items(), kpis);
        }
    }

}
