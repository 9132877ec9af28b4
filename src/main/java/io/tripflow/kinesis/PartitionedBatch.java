package io.tripflow.kinesis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Runs one batch of records with bounded concurrency: records that share a partition key (a trip)
 * run one after another in stream order; different keys run side by side, at most
 * {@code maxInFlight} at a time. The trip merge is order-insensitive across trips, so this keeps
 * every guarantee of sequential processing while hiding the store's latency.
 */
final class PartitionedBatch {

    private PartitionedBatch() {
    }

    /**
     * @param deliver handles one record; returns false to abort the batch (the consumer is stopping)
     * @return true when every record was delivered; false when the batch was aborted part-way, in
     *         which case nothing past the batch's previous checkpoint may be checkpointed
     */
    static <R> boolean run(List<R> records, Function<R, String> partitionKey, int maxInFlight, Executor executor,
            Predicate<R> deliver) throws InterruptedException {
        Map<String, List<R>> byKey = new LinkedHashMap<>();
        for (R record : records) {
            byKey.computeIfAbsent(partitionKey.apply(record), k -> new ArrayList<>()).add(record);
        }
        List<List<R>> groups = new ArrayList<>(byKey.values());
        // A fixed set of lanes, each taking the next key's records until none are left: one task
        // per lane rather than one per key, so a record costs no thread hand-off of its own.
        int lanes = Math.min(maxInFlight, groups.size());
        AtomicInteger nextGroup = new AtomicInteger();
        AtomicBoolean aborted = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(lanes);
        for (int lane = 0; lane < lanes; lane++) {
            executor.execute(() -> {
                try {
                    for (int g; !aborted.get() && (g = nextGroup.getAndIncrement()) < groups.size(); ) {
                        for (R record : groups.get(g)) {
                            if (aborted.get() || !deliver.test(record)) {
                                aborted.set(true);
                                return;
                            }
                        }
                    }
                } catch (RuntimeException | Error unexpected) {
                    aborted.set(true);
                    throw unexpected;
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        return !aborted.get();
    }
}
