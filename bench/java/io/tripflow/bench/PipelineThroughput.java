package io.tripflow.bench;

import java.util.Locale;
import java.util.Map;

import io.tripflow.localstack.LocalAwsStack;
import io.tripflow.localstack.TcpProxy;

import static io.tripflow.bench.Bench.EVENTS;
import static io.tripflow.bench.Bench.RUNS;
import static io.tripflow.bench.Bench.WARMUPS;

/** Benchmark 1: the pipeline alone, its store answering in 10 ms, against one write at a time; 1b behind a latency proxy. */
final class PipelineThroughput implements Benchmark {

    @Override
    public void run(Bench bench) throws Exception {
        Map<String, String> stream = bench.oneShardStream;
        var dynamoDb = bench.aws.dynamoDb();
        String realDynamoDb = bench.stack.endpoint(LocalAwsStack.Service.DYNAMODB);
        try (DelayedTripStore store = new DelayedTripStore(realDynamoDb, TripWrites.TABLE_PREFIX, 10)) {
            System.setProperty("aws.endpointUrlDynamoDb", store.url());
            double[] warmUp = new double[WARMUPS];
            for (int i = 0; i < warmUp.length; i++) {
                warmUp[i] = ThroughputRuns.pipeline(stream, "b1w" + i, Map.of(), EVENTS, dynamoDb).perSecond();
            }
            double[] pipeline = new double[RUNS];
            double[] sequential = new double[Math.max(2, RUNS - 1)];
            for (int i = 0; i < pipeline.length; i++) {
                pipeline[i] = ThroughputRuns.pipeline(stream, "b1p" + i, Map.of(), EVENTS, dynamoDb).perSecond();
            }
            for (int i = 0; i < sequential.length; i++) {
                // The per-record baseline: one write at a time, the way a naive consumer works.
                sequential[i] = ThroughputRuns.pipeline(stream, "b1s" + i, Map.of("tripflow.kcl.max-in-flight-per-shard", "1"), 1_500, dynamoDb)
                        .perSecond();
            }
            if (store.answered.get() < pipeline.length * (long) EVENTS) {
                throw new IllegalStateException("the stub answered only " + store.answered.get() + " trip-table calls");
            }
            Figures p = new Figures(Figures.list(pipeline));
            Figures s = new Figures(Figures.list(sequential));
            String label = "1. pipeline alone, 1 shard, store answering in 10 ms (stub DynamoDB endpoint)";
            if (warmUp.length > 0) {
                bench.row(label, "events/s in the JIT warm-up runs before them, in order (not in the figures)", Figures.joined(warmUp), "",
                        warmUp.length);
            }
            bench.row(label, "events/s, 16 writes in flight per shard", p.format("%.0f"), "≥ 1,000", p.runs());
            bench.row(label, "events/s, sequential per-record baseline", s.format("%.0f"), "", s.runs());
            bench.row(label, "speed-up over the baseline", String.format(Locale.ROOT, "%.1f×", p.mean() / s.mean()), "≥ 10×", p.runs());
        } finally {
            System.setProperty("aws.endpointUrlDynamoDb", realDynamoDb);
        }
        int port = Integer.parseInt(realDynamoDb.substring(realDynamoDb.lastIndexOf(':') + 1));
        try (TcpProxy proxy = new TcpProxy(port, 10)) {
            System.setProperty("aws.endpointUrlDynamoDb", proxy.url());
            double through = ThroughputRuns.pipeline(stream, "b1x", Map.of(), 3_000, dynamoDb).perSecond();
            bench.row("1b. pipeline, DynamoDB Local behind a 10 ms TCP latency proxy", "events/s", String.format(Locale.ROOT, "%.0f", through),
                    "", 1);
        } finally {
            System.setProperty("aws.endpointUrlDynamoDb", realDynamoDb);
        }
    }
}
