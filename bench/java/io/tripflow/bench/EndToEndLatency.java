package io.tripflow.bench;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.tripflow.TripflowApplication;
import io.tripflow.kinesis.KinesisRecordHeaders;
import io.tripflow.localstack.TestStack;
import io.tripflow.trip.UpsertOutcome;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import software.amazon.awssdk.core.SdkBytes;

import static io.tripflow.bench.Bench.CSV_TIME;

/** Benchmark 5: from the PutRecord of a trip's second half to the trip completed in DynamoDB, at 200 events/s. */
final class EndToEndLatency implements Benchmark {

    private static final int TRIPS = 3_000;

    @Override
    public void run(Bench bench) throws Exception {
        Map<String, String> settings = new HashMap<>(TestStack.freshResources("bench-latency", true));
        // Production polling (one GetRecords per shard per second); only lease timings are shortened.
        settings.put("tripflow.kcl.idle-time-between-reads-ms", "1000");
        settings.put("tripflow.management.port", "0");
        Map<String, Long> completedAt = new ConcurrentHashMap<>();
        TripflowApplication app = new TripflowApplication(settings, TripflowApplication.Mode.PIPELINE);
        CamelContext camel = app.start();
        camel.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.ExchangeCompletedEvent done
                        && done.getExchange().getMessage().getBody() instanceof UpsertOutcome outcome && outcome.completed()) {
                    completedAt.putIfAbsent(done.getExchange().getMessage().getHeader(KinesisRecordHeaders.PARTITION_KEY, String.class),
                            System.nanoTime());
                }
            }
        });
        try {
            // Warm-up: wait until the consumer holds its leases and stores records.
            publishPair(bench, settings, "warm", LocalDateTime.of(2024, 6, 3, 9, 0));
            Bench.waitUntil(() -> completedAt.containsKey("warm"), 180);

            Map<String, Long> putAt = new HashMap<>();
            long started = System.nanoTime();
            for (int i = 0; i < TRIPS; i++) {
                // 200 events/s: one trip (start + end) every 10 ms.
                long wait = started + i * 10_000_000L - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                String id = "lat" + i;
                publishPair(bench, settings, id, LocalDateTime.of(2024, 6, 3, 10, 0).plusSeconds(i));
                putAt.put(id, System.nanoTime());
            }
            Bench.waitUntil(() -> putAt.keySet().stream().allMatch(completedAt::containsKey), 180);
            List<Double> latencies = new ArrayList<>();
            putAt.forEach((id, put) -> latencies.add((completedAt.get(id) - put) / 1e6));
            latencies.sort(Double::compare);
            bench.row("5. end to end, PutRecord of a trip's second half → trip completed in DynamoDB, 200 events/s, 2 shards",
                    "p50 / p99 latency, ms (n = " + latencies.size() + " trips)",
                    String.format(Locale.ROOT, "%.0f / %.0f", latencies.get(latencies.size() / 2), latencies.get((int) (latencies.size() * 0.99))),
                    "", 1);
        } finally {
            app.stop();
        }
    }

    private static void publishPair(Bench bench, Map<String, String> settings, String id, LocalDateTime pickup) {
        String start = "{\"trip_id\":\"" + id + "\",\"pickup_datetime\":\"" + CSV_TIME.format(pickup) + "\",\"estimated_dropoff_datetime\":\""
                + CSV_TIME.format(pickup.plusMinutes(20)) + "\",\"estimated_fare_amount\":20.5}";
        String end = "{\"trip_id\":\"" + id + "\",\"dropoff_datetime\":\"" + CSV_TIME.format(pickup.plusMinutes(21))
                + "\",\"fare_amount\":21.25,\"tip_amount\":1.0,\"trip_distance\":3.1}";
        bench.aws.kinesis().putRecord(b -> b.streamName(settings.get("tripflow.streams.trip-start")).partitionKey(id)
                .data(SdkBytes.fromUtf8String(start)));
        bench.aws.kinesis().putRecord(b -> b.streamName(settings.get("tripflow.streams.trip-end")).partitionKey(id)
                .data(SdkBytes.fromUtf8String(end)));
    }
}
