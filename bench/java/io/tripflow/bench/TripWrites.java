package io.tripflow.bench;

import java.util.concurrent.atomic.LongAdder;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Times every UpdateItem on a benchmark trip table, whichever client sends it: the application's
 * own (which the benchmarks cannot reach) and the raw writers' alike. The SDK loads it as a global
 * interceptor from bench/resources, so it exists only in the benchmark JVM.
 *
 * <p>By Little's law, the time spent in calls over a window divided by the window is the mean
 * number of writes in flight: whether the pipeline keeps the store as busy as the raw writers do.
 */
public final class TripWrites implements ExecutionInterceptor {

    static final String TABLE_PREFIX = "bench-trips-";

    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("tripflow.bench.write-started");
    private static final LongAdder CALLS = new LongAdder();
    private static final LongAdder NANOS_IN_CALLS = new LongAdder();

    /** The writes finished up to a moment, and the time they took together. */
    record Snapshot(long at, long calls, long nanosInCalls) {

        static Snapshot now() {
            return new Snapshot(System.nanoTime(), CALLS.sum(), NANOS_IN_CALLS.sum());
        }

        /** Mean UpdateItems in flight between {@code earlier} and this snapshot. */
        double inFlightSince(Snapshot earlier) {
            return (double) (nanosInCalls - earlier.nanosInCalls) / (at - earlier.at);
        }

        /** Mean round trip of an UpdateItem between {@code earlier} and this snapshot, in ms. */
        double millisPerCallSince(Snapshot earlier) {
            return (nanosInCalls - earlier.nanosInCalls) / 1e6 / Math.max(1, calls - earlier.calls);
        }
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof UpdateItemRequest update && update.tableName().startsWith(TABLE_PREFIX)) {
            attributes.putAttribute(STARTED, System.nanoTime());
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        finished(attributes);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        finished(attributes);
    }

    private static void finished(ExecutionAttributes attributes) {
        Long started = attributes.getAttribute(STARTED);
        if (started != null) {
            NANOS_IN_CALLS.add(System.nanoTime() - started);
            CALLS.increment();
        }
    }
}
