package io.tripflow.kinesis;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** The consumer lag of one leased shard, as KCL reports it with each batch; a gauge while the lease is held. */
final class ShardLag {

    /** Before KCL has initialized the processor (it may end a lease it never started) nothing is reported. */
    static final ShardLag NONE = new ShardLag(null, null, null);

    private final AtomicLong millisBehindLatest = new AtomicLong();
    private final MeterRegistry meters;
    private final Gauge gauge;

    ShardLag(MeterRegistry meters, String stream, String shardId) {
        this.meters = meters;
        this.gauge = meters == null ? null
                : Gauge.builder("tripflow.consumer.millis.behind.latest", millisBehindLatest, AtomicLong::get)
                        .description("How far the last batch read from this shard was behind the stream's tip")
                        .tags("stream", stream, "shard", shardId)
                        .register(meters);
    }

    void update(Long millis) {
        if (millis != null) {
            millisBehindLatest.set(millis);
        }
    }

    /** The lease is gone: another worker reports this shard now. */
    void close() {
        if (gauge != null) {
            meters.remove(gauge);
        }
    }
}
