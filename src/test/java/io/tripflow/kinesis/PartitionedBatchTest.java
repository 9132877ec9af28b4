package io.tripflow.kinesis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PartitionedBatchTest {

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    record Rec(String key, int seq) {
    }

    private static List<Rec> records(int keys, int perKey) {
        List<Rec> records = new ArrayList<>();
        for (int i = 0; i < perKey; i++) {
            for (int k = 0; k < keys; k++) {
                records.add(new Rec("trip-" + k, i));
            }
        }
        return records;
    }

    @Test
    void recordsOfOneKeyAreDeliveredInStreamOrder() throws Exception {
        Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
        boolean done = PartitionedBatch.run(records(20, 10), Rec::key, 8, threads, r -> {
            seen.computeIfAbsent(r.key(), k -> Collections.synchronizedList(new ArrayList<>())).add(r.seq());
            return true;
        });
        assertTrue(done);
        assertEquals(20, seen.size());
        seen.values().forEach(seqs -> assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), seqs));
    }

    @Test
    void neverRunsMoreKeysAtOnceThanAllowedButDoesRunThemConcurrently() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        PartitionedBatch.run(records(40, 3), Rec::key, 5, threads, r -> {
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            return true;
        });
        assertTrue(peak.get() <= 5, "peak " + peak.get());
        assertTrue(peak.get() > 1, "peak " + peak.get());
    }

    @Test
    void aBatchOfManyKeysHandsTheExecutorOneTaskPerLaneNotOnePerKey() throws Exception {
        AtomicInteger tasks = new AtomicInteger();
        AtomicInteger delivered = new AtomicInteger();
        boolean done = PartitionedBatch.run(records(500, 2), Rec::key, 16, task -> {
            tasks.incrementAndGet();
            threads.execute(task);
        }, r -> {
            delivered.incrementAndGet();
            return true;
        });
        assertTrue(done);
        assertEquals(1000, delivered.get());
        assertEquals(16, tasks.get());
    }

    @Test
    void anAbortStopsTheBatchAndReportsItUnfinished() throws Exception {
        AtomicInteger delivered = new AtomicInteger();
        boolean done = PartitionedBatch.run(records(50, 2), Rec::key, 1, threads, r -> {
            if (r.key().equals("trip-3")) {
                return false;
            }
            delivered.incrementAndGet();
            return true;
        });
        assertFalse(done);
        assertTrue(delivered.get() < 100, "records after the abort are not started");
    }
}
