package io.tripflow.simulate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tripflow.trip.TripHalf;
import io.tripflow.trip.analytics.AnalyticsRules;
import io.tripflow.trip.files.TripEventRecord;
import io.tripflow.trip.kpi.DailyKpi;

/**
 * A run of {@code tripflow simulate}: the events it sends, in the order it sends them, and the KPIs
 * the pipeline must make of them. Trips are drawn from (seed, index) and never held: the events are
 * generated as they are sent, in two passes (the late ends come in the second), so memory does not
 * grow with the number of trips.
 *
 * <p>The disturbances, each drawn per trip with its probability: a half sent twice (duplicates), a
 * trip's end sent before its start (out of order), a trip's end held back until every other event
 * was sent (late), and an extra record the pipeline must dead-letter (malformed: cut-off JSON, a
 * negative fare, a date in another format, a missing fare, in turn). None of them changes what the
 * KPIs must be: every trip completes, each counted once on its drop-off date.
 */
public final class Simulation {

    /** What the user asked for; probabilities are between 0 and 1. */
    public record Options(long trips, LocalDate date, long seed, double duplicates, double outOfOrder, double late, double malformed) {
        public Options {
            if (trips < 0) {
                throw new IllegalArgumentException("--trips must be 0 or more, not " + trips);
            }
            for (var p : Map.of("--duplicates", duplicates, "--out-of-order", outOfOrder, "--late", late, "--malformed", malformed).entrySet()) {
                if (!(p.getValue() >= 0 && p.getValue() <= 1)) {
                    throw new IllegalArgumentException(p.getKey() + " is a probability between 0 and 1, not " + p.getValue());
                }
            }
        }
    }

    /** The per-trip disturbances, drawn apart from the trip's figures so that they never change the trip. */
    private record Disturbances(boolean startTwice, boolean endTwice, boolean endFirst, boolean late, boolean malformed) {

        /** How many records the trip sends, on time and late: counted, not generated (SimulationTest checks the two agree). */
        long events() {
            return (startTwice ? 2 : 1) + (endTwice ? 2 : 1) + (malformed ? 1 : 0);
        }
    }

    private static final long DISTURBANCE_STREAM = 0x5EEDL;
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private final Options options;

    public Simulation(Options options) {
        this.options = options;
    }

    public SimulatedTrip trip(long index) {
        return SimulatedTrip.draw(options.seed(), index, options.date());
    }

    /** Every event of the run, in sending order, generated as it is asked for. */
    public Iterator<TripEventRecord> events() {
        return new Iterator<>() {
            private final Deque<TripEventRecord> pending = new ArrayDeque<>();
            private long index;
            private boolean lateOnes;

            @Override
            public boolean hasNext() {
                while (pending.isEmpty()) {
                    if (index == options.trips()) {
                        if (lateOnes) {
                            return false;
                        }
                        lateOnes = true;
                        index = 0;
                    }
                    long trip = index++;
                    pending.addAll(lateOnes ? lateEvents(trip) : onTimeEvents(trip));
                }
                return true;
            }

            @Override
            public TripEventRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return pending.poll();
            }
        };
    }

    /** What the pipeline must make of the run, under these analytics rules. */
    public Expected expected(AnalyticsRules rules) {
        Map<LocalDate, DailyKpi.Accumulator> days = new TreeMap<>();
        long events = 0;
        long malformed = 0;
        for (long i = 0; i < options.trips(); i++) {
            SimulatedTrip trip = trip(i);
            days.computeIfAbsent(trip.dropoffDate(), date -> new DailyKpi.Accumulator(rules)).add(trip.completed());
            Disturbances d = disturbances(i);
            events += d.events();
            malformed += d.malformed() ? 1 : 0;
        }
        return new Expected(options, days, events, malformed);
    }

    private List<TripEventRecord> onTimeEvents(long index) {
        SimulatedTrip trip = trip(index);
        Disturbances d = disturbances(index);
        List<TripEventRecord> start = sent(TripHalf.Side.START, trip.tripId(), trip.pickupAt(), trip.startFields(), d.startTwice());
        List<TripEventRecord> end = d.late() ? List.of() : sent(TripHalf.Side.END, trip.tripId(), trip.dropoffAt(), trip.endFields(), d.endTwice());
        List<TripEventRecord> malformed = d.malformed() ? List.of(malformed(trip, index)) : List.of();
        return concat(d.endFirst() ? end : start, d.endFirst() ? start : end, malformed);
    }

    private List<TripEventRecord> lateEvents(long index) {
        Disturbances d = disturbances(index);
        if (!d.late()) {
            return List.of();
        }
        SimulatedTrip trip = trip(index);
        return sent(TripHalf.Side.END, trip.tripId(), trip.dropoffAt(), trip.endFields(), d.endTwice());
    }

    private Disturbances disturbances(long index) {
        SplittableRandom random = SimulatedTrip.random(options.seed() ^ DISTURBANCE_STREAM, index);
        return new Disturbances(random.nextDouble() < options.duplicates(), random.nextDouble() < options.duplicates(),
                random.nextDouble() < options.outOfOrder(), random.nextDouble() < options.late(), random.nextDouble() < options.malformed());
    }

    private static List<TripEventRecord> sent(TripHalf.Side side, String tripId, Instant at, Map<String, Object> fields, boolean twice) {
        TripEventRecord event = new TripEventRecord(side, tripId, at, json(fields));
        return twice ? List.of(event, event) : List.of(event);
    }

    /** An extra record under its own id, which the pipeline must dead-letter; the kinds take turns. */
    private static TripEventRecord malformed(SimulatedTrip trip, long index) {
        String id = trip.tripId() + "-malformed";
        Map<String, Object> end = new LinkedHashMap<>(trip.endFields());
        end.put("trip_id", id);
        return switch ((int) (index % 4)) {
            case 0 -> new TripEventRecord(TripHalf.Side.END, id, trip.dropoffAt(), json(end).substring(0, 40));
            case 1 -> {
                end.put("fare_amount", trip.fare().negate());
                yield new TripEventRecord(TripHalf.Side.END, id, trip.dropoffAt(), json(end));
            }
            case 2 -> {
                Map<String, Object> start = new LinkedHashMap<>(trip.startFields());
                start.put("trip_id", id);
                start.put("pickup_datetime", "01/07/2024 10:30");
                yield new TripEventRecord(TripHalf.Side.START, id, trip.pickupAt(), json(start));
            }
            default -> {
                end.remove("fare_amount");
                yield new TripEventRecord(TripHalf.Side.END, id, trip.dropoffAt(), json(end));
            }
        };
    }

    @SafeVarargs
    private static List<TripEventRecord> concat(List<TripEventRecord>... parts) {
        return Stream.of(parts).flatMap(List::stream).toList();
    }

    static String json(Map<String, Object> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of text and numbers is always JSON", e);
        }
    }

    /** The KPIs per drop-off date the pipeline must produce, the events sent and the dead letters due. */
    public record Expected(Options options, Map<LocalDate, DailyKpi.Accumulator> days, long events, long deadLetters) {

        /** The expectation as a document: the KPI files' figures per date (without their generated_at). */
        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("seed", options.seed());
            json.put("trips", options.trips());
            json.put("events_sent", events);
            json.put("dead_letters", deadLetters);
            json.put("kpis", days.entrySet().stream().map(day -> {
                Map<String, Object> kpi = day.getValue().result(day.getKey(), Instant.EPOCH).toJson();
                kpi.remove("generated_at");
                return kpi;
            }).toList());
            return json;
        }
    }
}
