package io.tripflow.simulate;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.tripflow.dynamodb.NumberBounds;
import io.tripflow.trip.InvalidTripEventException;
import io.tripflow.trip.TripEnd;
import io.tripflow.trip.TripEventReader;
import io.tripflow.trip.TripHalf;
import io.tripflow.trip.TripJson;
import io.tripflow.trip.TripStart;
import io.tripflow.trip.analytics.AnalyticsRules;
import io.tripflow.trip.files.TripEventRecord;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulationTest {

    private static final AnalyticsRules RULES = AnalyticsRules.ofMinutes(10, 30, new java.math.BigDecimal("50"));

    private static final LocalDate DATE = LocalDate.parse("2024-06-10");
    private static final Simulation.Options DISTURBED = new Simulation.Options(2_000, DATE, 42, 0.1, 0.1, 0.1, 0.05);
    private final TripEventReader reader = TripEventReader.of(TripJson.strictReader(),
            Clock.fixed(Instant.parse("2024-07-01T00:00:00Z"), ZoneOffset.UTC), NumberBounds.DEFAULT);

    private static List<TripEventRecord> all(Simulation.Options options) {
        List<TripEventRecord> events = new ArrayList<>();
        new Simulation(options).events().forEachRemaining(events::add);
        return events;
    }

    @Test
    void theSameSeedGivesTheSameRunAndAnotherSeedAnother() {
        List<TripEventRecord> run = all(DISTURBED);
        assertEquals(run, all(DISTURBED));
        assertNotEquals(run, all(new Simulation.Options(2_000, DATE, 43, 0.1, 0.1, 0.1, 0.05)));
        assertEquals(run.size(), new Simulation(DISTURBED).expected(RULES).events());
    }

    /** The expectation checked against what the trip rules make of the events actually sent, trip by trip. */
    @Test
    void theExpectedKpisAreWhatTheSentEventsAmountTo() {
        Map<String, TripStart> starts = new HashMap<>();
        Map<String, TripEnd> ends = new HashMap<>();
        long invalid = 0;
        for (TripEventRecord event : all(DISTURBED)) {
            byte[] record = event.json().getBytes();
            try {
                if (event.side() == TripHalf.Side.START) {
                    starts.put(event.tripId(), reader.start(record));
                } else {
                    ends.put(event.tripId(), reader.end(record));
                }
            } catch (InvalidTripEventException | IllegalArgumentException e) {
                invalid++;
            }
        }
        Map<LocalDate, long[]> counts = new TreeMap<>();
        Map<LocalDate, BigDecimal> fares = new TreeMap<>();
        for (TripEnd end : ends.values()) {
            TripStart start = starts.get(end.tripId());
            assertTrue(start != null, "every valid end has its start: " + end.tripId());
            LocalDate date = LocalDate.ofInstant(end.dropoffAt(), ZoneOffset.UTC);
            counts.computeIfAbsent(date, d -> new long[1])[0]++;
            fares.merge(date, end.fareAmount(), BigDecimal::add);
        }
        assertEquals(2_000, ends.size());

        Map<String, Object> expected = new Simulation(DISTURBED).expected(RULES).toJson();
        assertEquals(invalid, expected.get("dead_letters"));
        assertTrue(invalid > 50 && invalid < 150, "about 5% malformed: " + invalid);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> kpis = (List<Map<String, Object>>) expected.get("kpis");
        assertEquals(List.of(DATE.toString(), DATE.plusDays(1).toString()), kpis.stream().map(k -> k.get("date")).toList(),
                "trips picked up late in the day are dropped off on the next");
        for (Map<String, Object> kpi : kpis) {
            LocalDate date = LocalDate.parse((String) kpi.get("date"));
            assertEquals(counts.get(date)[0], kpi.get("count_trips"));
            assertEquals(fares.get(date).setScale(2, java.math.RoundingMode.HALF_UP), kpi.get("total_fare"));
        }
    }

    @Test
    void eachDisturbanceHappensAboutAsOftenAsAsked() {
        List<TripEventRecord> events = all(DISTURBED);
        Set<String> seen = new HashSet<>();
        long duplicates = events.stream().filter(e -> !seen.add(e.side() + e.json())).count();
        assertTrue(duplicates > 300 && duplicates < 500, "about 10% of 4,000 halves twice: " + duplicates);

        Map<String, Integer> firstPosition = new HashMap<>();
        long endFirst = 0;
        int lastStart = 0;
        for (int i = 0; i < events.size(); i++) {
            TripEventRecord e = events.get(i);
            if (e.side() == TripHalf.Side.START) {
                lastStart = i;
            }
            if (firstPosition.putIfAbsent(e.tripId(), i) == null && e.side() == TripHalf.Side.END && !e.tripId().endsWith("-malformed")) {
                endFirst++;
            }
        }
        int finalStart = lastStart;
        long lateEnds = new HashSet<>(events.subList(finalStart + 1, events.size()).stream().map(TripEventRecord::tripId).toList()).size();
        assertTrue(endFirst > 120 && endFirst < 300, "about 10% of trips end first: " + endFirst);
        assertTrue(lateEnds > 120 && lateEnds < 300, "about 10% of ends come after every start: " + lateEnds);
    }

    @Test
    void tripsResembleTheRealData() {
        Simulation simulation = new Simulation(new Simulation.Options(5_000, DATE, 7, 0, 0, 0, 0));
        List<BigDecimal> fares = new ArrayList<>();
        long zeroTips = 0;
        for (long i = 0; i < 5_000; i++) {
            SimulatedTrip trip = simulation.trip(i);
            fares.add(trip.fare());
            zeroTips += trip.tip().signum() == 0 ? 1 : 0;
            Duration duration = Duration.between(trip.pickupAt(), trip.dropoffAt());
            assertTrue(duration.toMinutes() >= 10 && duration.toMinutes() <= 60, duration.toString());
            assertEquals(DATE, LocalDate.ofInstant(trip.pickupAt(), ZoneOffset.UTC));
        }
        fares.sort(null);
        assertTrue(fares.get(0).compareTo(BigDecimal.TEN) >= 0 && fares.get(4_999).compareTo(BigDecimal.valueOf(100)) <= 0);
        assertEquals(14, fares.get(2_500).scale(), "fares have the real data's many decimals");
        assertTrue(zeroTips > 3_300 && zeroTips < 3_700, "about 70% without a tip: " + zeroTips);
    }

    @Test
    void aProbabilityOutsideZeroToOneIsRefusedNamingTheOption() {
        var error = assertThrows(IllegalArgumentException.class, () -> new Simulation.Options(10, DATE, 1, 0, 1.5, 0, 0));
        assertEquals("--out-of-order is a probability between 0 and 1, not 1.5", error.getMessage());
    }
}
