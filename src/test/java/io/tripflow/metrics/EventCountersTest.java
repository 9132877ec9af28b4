package io.tripflow.metrics;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tripflow.trip.UpsertOutcome.Result;
import io.tripflow.trip.UpsertOutcome;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class EventCountersTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicInteger lookups = new AtomicInteger();
    private final EventCounters counters = new EventCounters(() -> {
        lookups.incrementAndGet();
        return registry;
    });

    @Test
    void countsEachOutcomePerStreamAndTheTripsThatCompleted() {
        counters.upserted("starts", new UpsertOutcome("trip-1", Result.STORED, false, false));
        counters.upserted("starts", new UpsertOutcome("trip-1", Result.STORED, false, false));
        counters.upserted("ends", new UpsertOutcome("trip-1", Result.STORED, true, false));
        counters.upserted("ends", new UpsertOutcome("trip-1", Result.DUPLICATE, false, false));
        counters.upserted("ends", new UpsertOutcome("trip-1", Result.STALE, false, false));
        counters.deadLettered("ends");

        assertEquals(2, count("starts", "STORED"));
        assertEquals(1, count("ends", "STORED"));
        assertEquals(1, count("ends", "DUPLICATE"));
        assertEquals(1, count("ends", "STALE"));
        assertEquals(1, count("ends", EventCounters.DEAD_LETTERED));
        assertEquals(0, count("starts", "DUPLICATE"), "a stream's every outcome is there from its first record, at 0 until it happens");
        assertNull(registry.find(EventCounters.EVENTS).tags("stream", "elsewhere").counter(), "no counters for a stream never seen");
        assertEquals(1, registry.get(EventCounters.TRIPS_COMPLETED).counter().count());
    }

    @Test
    void aRecordWithoutItsStreamIsCountedUnderUnknown() {
        counters.deadLettered(null);
        assertEquals(1, count("unknown", EventCounters.DEAD_LETTERED));
    }

    @Test
    void looksTheRegistryUpOnceAndOnlyWhenFirstCounting() {
        assertEquals(0, lookups.get(), "Camel creates its registry after the beans are bound");
        for (int i = 0; i < 5; i++) {
            counters.upserted("starts", new UpsertOutcome("trip-1", Result.STORED, true, false));
        }
        assertEquals(1, lookups.get());
        assertEquals(5, count("starts", "STORED"));
        assertEquals(5, registry.get(EventCounters.TRIPS_COMPLETED).counter().count());
    }

    private double count(String stream, String outcome) {
        Counter counter = registry.get(EventCounters.EVENTS).tags("stream", stream, "outcome", outcome).counter();
        return counter.count();
    }
}
