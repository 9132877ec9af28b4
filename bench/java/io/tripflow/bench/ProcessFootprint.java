package io.tripflow.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.tripflow.config.AwsResources;
import io.tripflow.trip.files.StreamPublisher;

import static io.tripflow.bench.Bench.EVENTS;

/**
 * Benchmark 4: `tripflow run` as its own process: start-up (first start and restart), resident
 * memory and CPU per event. Records are counted by the per-record outcome log (logger
 * io.tripflow.outcome at DEBUG), the one per-record signal a separate process gives.
 */
final class ProcessFootprint implements Benchmark {

    private static final String OUTCOME_LINE = "outcome - ";

    @Override
    public void run(Bench bench) throws Exception {
        Map<String, String> settings = new HashMap<>(bench.oneShardStream);
        settings.put("tripflow.kcl.application-name", "bench4-" + System.nanoTime());
        AwsResources.createLeaseTable(bench.aws.dynamoDb(),
                settings.get("tripflow.kcl.application-name") + "-" + settings.get("tripflow.streams.trip-start"));
        settings.put("tripflow.trips.table", Bench.freshTripTable(bench.aws.dynamoDb()));
        settings.put("tripflow.management.port", "0");
        Path log = bench.home.resolve("target/bench-process.log");
        String label = "4. tripflow run as a process (real local stack, " + EVENTS + " events on 1 shard)";
        long launched = System.nanoTime();
        Process process = runProcess(bench, settings, log);
        try {
            LongSupplier stored = () -> countLines(log);
            Bench.waitUntil(() -> stored.getAsLong() > 0, 180);
            double startup = (System.nanoTime() - launched) / 1e9;
            List<Double> rss = new ArrayList<>();
            // Steady state: from a third of the events on, past start-up and the first JIT wave.
            long steadyFromEvents = -1;
            ProcessCpu steadyFromCpu = null;
            while (stored.getAsLong() < EVENTS * 0.9) {
                if (steadyFromEvents < 0 && stored.getAsLong() >= EVENTS / 3) {
                    steadyFromCpu = ProcessCpu.of(process.pid());
                    steadyFromEvents = stored.getAsLong();
                }
                rss.add(procStatusKb(process.pid(), "VmRSS") / 1024.0);
                Thread.sleep(250);
                if (!process.isAlive()) {
                    throw new IllegalStateException("tripflow run exited, see " + log);
                }
            }
            long events = stored.getAsLong();
            ProcessCpu sinceLaunch = ProcessCpu.of(process.pid());
            ProcessCpu steady = sinceLaunch.since(steadyFromCpu);
            long steadyEvents = events - steadyFromEvents;
            rss.sort(Double::compare);
            bench.row(label, "start-up to first record stored, first start (KCL creates its tables and leases), s",
                    String.format(Locale.ROOT, "%.1f", startup), "", 1);
            bench.row(label, "resident memory at steady ingest (median of " + rss.size() + " samples), MB",
                    String.format(Locale.ROOT, "%.0f (%.0f–%.0f)", rss.get(rss.size() / 2), rss.get(0), rss.get(rss.size() - 1)), "", 1);
            bench.row(label, "CPU per event (whole process since launch), µs",
                    String.format(Locale.ROOT, "%.0f", sinceLaunch.total() * 1e6 / events), "", 1);
            bench.row(label, "CPU per event at steady ingest (events " + steadyFromEvents + " → " + events
                    + "), µs: all threads = JIT compiler + garbage collector + the rest",
                    String.format(Locale.ROOT, "%.0f = %.0f + %.0f + %.0f", steady.total() * 1e6 / steadyEvents, steady.jit() * 1e6 / steadyEvents,
                            steady.gc() * 1e6 / steadyEvents, steady.rest() * 1e6 / steadyEvents), "", 1);
        } finally {
            process.destroy();
            process.waitFor(40, TimeUnit.SECONDS);
        }
        // A restart (a new task after a deploy or a crash): KCL's tables, leases and checkpoints
        // exist; it resumes once the old lease is released or expires. Fresh records make sure
        // something is left to store.
        new StreamPublisher(bench.aws.kinesis()).publish(Bench.startEvents(200, "restart"), e -> settings.get("tripflow.streams.trip-start"));
        Path restartLog = bench.home.resolve("target/bench-process-restart.log");
        long relaunched = System.nanoTime();
        Process restarted = runProcess(bench, settings, restartLog);
        try {
            Bench.waitUntil(() -> countLines(restartLog) > 0, 180);
            bench.row(label, "start-up to first record stored, restart (failover time " + settings.get("tripflow.kcl.failover-time-ms")
                    + " ms), s", String.format(Locale.ROOT, "%.1f", (System.nanoTime() - relaunched) / 1e9), "", 1);
        } finally {
            restarted.destroy();
            restarted.waitFor(40, TimeUnit.SECONDS);
        }
    }

    /** `tripflow run` as its own process, logging each record's outcome to the log file. */
    private static Process runProcess(Bench bench, Map<String, String> settings, Path log) throws IOException {
        ProcessBuilder run = bench.launcher(settings, "run");
        run.environment().put("JAVA_OPTS", "-Dlog4j2.configurationFile=" + bench.home.resolve("target/test-classes/log4j2-outcomes.xml"));
        return run.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static long countLines(Path file) {
        try (var lines = Files.lines(file)) {
            return lines.filter(l -> l.contains(OUTCOME_LINE)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A field of /proc/PID/status in kB. */
    private static long procStatusKb(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return 0;
    }
}
