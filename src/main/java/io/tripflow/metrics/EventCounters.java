package io.tripflow.metrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tripflow.kinesis.KinesisRecordHeaders;
import io.tripflow.trip.UpsertOutcome;
import org.apache.camel.Body;
import org.apache.camel.Header;

/**
 * tripflow's own counters: {@code tripflow.events{stream, outcome}} for every event, whatever became
 * of it, and {@code tripflow.trips.completed}. A stream's counters are registered together on its
 * first record and kept, so counting a record costs a map lookup, not the evaluation of Simple tag
 * expressions that micrometer endpoints would do for every record.
 */
public class EventCounters {

    public static final String EVENTS = "tripflow.events";
    public static final String TRIPS_COMPLETED = "tripflow.trips.completed";
    /** The outcome of a record that went to the dead-letter queue; the others are {@link UpsertOutcome.Result}s. */
    public static final String DEAD_LETTERED = "DEAD_LETTERED";

    /** A stream's counters, by {@link UpsertOutcome.Result} ordinal, then dead-lettered. */
    private static final int DEAD_LETTERED_SLOT = UpsertOutcome.Result.values().length;

    private final Supplier<MeterRegistry> registrySource;
    private volatile MeterRegistry registry;
    private final ConcurrentMap<String, Counter[]> events = new ConcurrentHashMap<>();
    private volatile Counter completed;

    /** @param registry asked once, on first use: Camel creates its registry after the beans are bound */
    public EventCounters(Supplier<MeterRegistry> registry) {
        this.registrySource = registry;
    }

    /** Counts what storing one half did, and the trip if this write completed it. */
    public void upserted(@Header(KinesisRecordHeaders.STREAM_NAME) String stream, @Body UpsertOutcome outcome) {
        countersOf(stream)[outcome.result().ordinal()].increment();
        if (outcome.completed()) {
            completedCounter().increment();
        }
    }

    public void deadLettered(@Header(KinesisRecordHeaders.STREAM_NAME) String stream) {
        countersOf(stream)[DEAD_LETTERED_SLOT].increment();
    }

    /** Plain get first: counting a record allocates nothing once its stream's counters exist. */
    private Counter[] countersOf(String stream) {
        String name = stream == null ? "unknown" : stream;
        Counter[] counters = events.get(name);
        return counters != null ? counters : events.computeIfAbsent(name, this::register);
    }

    private Counter[] register(String stream) {
        Counter[] counters = new Counter[DEAD_LETTERED_SLOT + 1];
        for (UpsertOutcome.Result result : UpsertOutcome.Result.values()) {
            counters[result.ordinal()] = eventCounter(stream, result.name());
        }
        counters[DEAD_LETTERED_SLOT] = eventCounter(stream, DEAD_LETTERED);
        return counters;
    }

    private Counter eventCounter(String stream, String outcome) {
        return Counter.builder(EVENTS).tag("stream", stream).tag("outcome", outcome)
                .description("trip events by stream and outcome").register(registry());
    }

    private Counter completedCounter() {
        Counter counter = completed;
        if (counter == null) {
            counter = Counter.builder(TRIPS_COMPLETED).description("trips whose second half arrived").register(registry());
            completed = counter;
        }
        return counter;
    }

    private MeterRegistry registry() {
        MeterRegistry resolved = registry;
        if (resolved == null) {
            resolved = registrySource.get();
            registry = resolved;
        }
        return resolved;
    }
}
