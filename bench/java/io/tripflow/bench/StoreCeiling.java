package io.tripflow.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tripflow.localstack.LocalAwsStack;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static io.tripflow.bench.Bench.EVENTS;
import static io.tripflow.bench.Bench.PAIRS;
import static io.tripflow.bench.Bench.WARMUPS;
import static io.tripflow.bench.Bench.log;

/**
 * Benchmark 2: the pipeline against the store's own ceiling, the same writes without the pipeline,
 * in pairs. 2 shares both cores with DynamoDB Local in this JVM; 2b gives the store a core of its
 * own; 2c (on request) runs it as a separate process on the shared cores.
 */
final class StoreCeiling implements Benchmark {

    /** The most unmeasured rounds, however much the rates still rise. */
    private static final int MAX_WARMUP_ROUNDS = 6;

    /** 2c: whether the gap in 2 comes from sharing a JVM with the store or from sharing the cores. */
    static Benchmark asSeparateProcess() {
        return bench -> new StoreCeiling().againstStoreProcess(bench,
                "2c. DynamoDB Local as a process of its own, sharing both cores with the pipeline", "b2c", List.of());
    }

    @Override
    public void run(Bench bench) throws Exception {
        againstRawWrites(bench, "2. real DynamoDB Local (the embedded stack's, in this JVM), no injected latency, sharing both cores"
                + " with the pipeline", "b2", bench.aws.dynamoDb());
        // In production the store runs on AWS's CPUs, not the consumer's. Here DynamoDB Local gets
        // one core and the pipeline (with kinesis-local) or the raw writers the other, so that
        // neither side of the ratio is slowed by the other taking the store's CPU.
        String label = "2b. DynamoDB Local as a process on core 1; pipeline and kinesis-local, or the raw writers, on core 0";
        if (!CoreAffinity.available()) {
            bench.row(label, "not measured: needs two cores and taskset(1)", "", "", 0);
            return;
        }
        try (CoreAffinity onCore0 = CoreAffinity.pinProcessTree("0")) {
            againstStoreProcess(bench, label, "b2b", List.of("taskset", "-c", "1"));
        }
    }

    /** @param commandPrefix what the store's java command runs under, e.g. taskset */
    private void againstStoreProcess(Bench bench, String label, String run, List<String> commandPrefix) throws Exception {
        String shared = bench.stack.endpoint(LocalAwsStack.Service.DYNAMODB);
        try (LocalAwsStack.ChildServer store = bench.stack.startDynamoDbProcess(commandPrefix);
                DynamoDbClient client = DynamoDbClient.builder().endpointOverride(URI.create(store.url()))
                        .httpClientBuilder(ApacheHttpClient.builder()).build()) {
            System.setProperty("aws.endpointUrlDynamoDb", store.url());
            againstRawWrites(bench, label, run, client);
        } finally {
            System.setProperty("aws.endpointUrlDynamoDb", shared);
        }
    }

    /** @param dynamoDb the store the application is pointed at, for its tables and the raw writes */
    private void againstRawWrites(Bench bench, String label, String run, DynamoDbClient dynamoDb) throws Exception {
        Map<String, String> stream = bench.oneShardStream;
        Rate[] pipeline = new Rate[PAIRS];
        Rate[] raw = new Rate[PAIRS];
        // Unmeasured rounds warm both sides' code and the store's, at least WARMUPS of them and
        // then on while either side still got faster by more than a tenth: from a cold JVM the
        // pipeline, with far more code on its path than the raw writers, kept gaining for four rounds.
        List<Double> warmPipeline = new ArrayList<>();
        List<Double> warmRaw = new ArrayList<>();
        while (WARMUPS > 0 && (warmPipeline.size() < WARMUPS
                || warmPipeline.size() < MAX_WARMUP_ROUNDS && (Figures.stillRising(warmPipeline) || Figures.stillRising(warmRaw)))) {
            warmPipeline.add(ThroughputRuns.pipeline(stream, run + "w" + warmPipeline.size(), Map.of(), EVENTS, dynamoDb).perSecond());
            warmRaw.add(ThroughputRuns.rawStoreWrites(16, EVENTS, dynamoDb).perSecond());
            log("%s warm-up round %d: pipeline %.0f/s, raw %.0f/s", run, warmRaw.size() - 1, warmPipeline.getLast(), warmRaw.getLast());
        }
        if (!warmPipeline.isEmpty()) {
            bench.row(label, "warm-up rounds, in order (not in the figures): pipeline events/s; raw writes/s",
                    Figures.joined(warmPipeline) + "; " + Figures.joined(warmRaw), "", warmPipeline.size());
        }
        for (int i = 0; i < PAIRS; i++) {
            // Each side goes first in every other round: neither always meets a store that the
            // other has just warmed, filled or left collecting garbage.
            if (i % 2 == 0) {
                pipeline[i] = ThroughputRuns.pipeline(stream, run + "p" + i, Map.of(), EVENTS, dynamoDb);
                raw[i] = ThroughputRuns.rawStoreWrites(16, EVENTS, dynamoDb);
            } else {
                raw[i] = ThroughputRuns.rawStoreWrites(16, EVENTS, dynamoDb);
                pipeline[i] = ThroughputRuns.pipeline(stream, run + "p" + i, Map.of(), EVENTS, dynamoDb);
            }
            log("%s round %d: pipeline %.0f/s, raw %.0f/s (CPU µs per event by core: %s; %s; writes in flight %.1f; %.1f)", run, i,
                    pipeline[i].perSecond(), raw[i].perSecond(), Figures.joined(pipeline[i].cpuMicrosPerEvent()),
                    Figures.joined(raw[i].cpuMicrosPerEvent()), pipeline[i].writesInFlight(), raw[i].writesInFlight());
        }
        bench.row(label, "pipeline events/s", Rate.figures(pipeline, Rate::perSecond).format("%.0f"), "", PAIRS);
        bench.row(label, "raw: the same conditional UpdateItems from 16 threads, no pipeline, per s",
                Rate.figures(raw, Rate::perSecond).format("%.0f"), "", PAIRS);
        bench.row(label, "pipeline ÷ raw, each run's pair; ± the mean's standard error",
                Figures.ratios(Rate.perSecond(pipeline), Rate.perSecond(raw)).formatWithError("%.2f"), "≥ 0.9", PAIRS);
        // The same concurrency at the store means the same number of writes in flight there; then
        // the rates differ only by how long each write takes.
        bench.row(label, "trip-table UpdateItems in flight (time average, of 16): pipeline; raw",
                Rate.figures(pipeline, Rate::writesInFlight).format("%.1f") + "; " + Rate.figures(raw, Rate::writesInFlight).format("%.1f"),
                "", PAIRS);
        bench.row(label, "UpdateItem round trip as the client sees it, ms: pipeline; raw",
                Rate.figures(pipeline, Rate::writeMillis).format("%.1f") + "; " + Rate.figures(raw, Rate::writeMillis).format("%.1f"),
                "", PAIRS);
        if (pipeline[0].cpuMicrosPerEvent().length > 0) {
            bench.row(label, "CPU µs per event (pipeline) or write (raw), each core, whatever ran there, mean of the runs",
                    "pipeline " + Figures.coreSum(Rate.meanCpu(pipeline)) + "; raw " + Figures.coreSum(Rate.meanCpu(raw)), "", PAIRS);
        }
    }
}
