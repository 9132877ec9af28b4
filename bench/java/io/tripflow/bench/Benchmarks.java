package io.tripflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tripflow.localstack.TestStack;
import io.tripflow.trip.files.StreamPublisher;

/**
 * tripflow's benchmarks, run with `mvn -Pbench verify` (see BENCHMARKS.md). Every figure is
 * measured here, on this machine, against the local AWS stack; each ratio within one run.
 * Figures are printed, never asserted. -Dbench.only=1,3 runs only those benchmarks (2c only on
 * request).
 */
public final class Benchmarks {

    private static final Map<String, Benchmark> ALL = new LinkedHashMap<>();

    static {
        ALL.put("1", new PipelineThroughput());
        ALL.put("2", new StoreCeiling());
        ALL.put("2c", StoreCeiling.asSeparateProcess());
        ALL.put("3", new KpiScale());
        ALL.put("4", new ProcessFootprint());
        ALL.put("5", new EndToEndLatency());
        ALL.put("6", new FileIntakeThroughput());
        ALL.put("7", new OrdersLine());
    }

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        List<String> only = List.of(System.getProperty("bench.only", "1,2,3,4,5,6,7").split(","));
        // One single-shard stream holding the events, read again by each run (a new KCL app).
        // (kinesis-local slows down appending to a long shard: 10,000 events take about a minute.)
        Map<String, String> oneShard = TestStack.freshResources("bench", false, Map.of("tripflow.streams.trip-start.shards", "1"));
        Bench bench = new Bench(oneShard);
        Bench.log("publishing %d events to a 1-shard stream", Bench.EVENTS);
        new StreamPublisher(bench.aws.kinesis()).publish(Bench.startEvents(Bench.EVENTS, "b"), e -> oneShard.get("tripflow.streams.trip-start"));
        try {
            for (Map.Entry<String, Benchmark> benchmark : ALL.entrySet()) {
                if (only.contains(benchmark.getKey())) {
                    benchmark.getValue().run(bench);
                }
            }
        } finally {
            print(bench);
        }
        System.exit(0);
    }

    private static void print(Bench bench) throws IOException {
        StringBuilder table = new StringBuilder();
        table.append("| benchmark | figure | value: mean (min–max) | target | runs |\n|---|---|---|---|---|\n");
        for (Bench.Row row : bench.rows) {
            table.append("| ").append(row.benchmark()).append(" | ").append(row.figure()).append(" | ").append(row.value())
                    .append(" | ").append(row.target()).append(" | ").append(row.runs()).append(" |\n");
        }
        System.out.println();
        System.out.println(table);
        Files.writeString(bench.home.resolve("target/benchmarks.md"), table);
    }
}
