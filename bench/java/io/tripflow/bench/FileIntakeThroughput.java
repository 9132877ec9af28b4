package io.tripflow.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.tripflow.config.TripflowSettings;
import io.tripflow.localstack.TestStack;
import io.tripflow.trip.TripJson;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * Benchmark 6: a trip-end file dropped into the files bucket, taken in by `tripflow run` as its own
 * process (stream consumers off, so the intake has the process to itself), against a raw PutRecords
 * loop over the same rows, 500 a call with key = trip_id, to the same Kinesis endpoint. The intake's
 * rate is the report's rows over its started_at → finished_at; its heap is read from its GC log
 * (the heap after each collection, with the heap capped so that a file held whole could not fit).
 *
 * <p>Two endpoints: kinesis-local, which takes about 150 records a second, so only a small file
 * (-Dbench.file.local.mb, default 1) is sent there; and {@link KinesisSink}, which accepts at once
 * and keeps nothing, for the large files (-Dbench.file.mb, default 100,10,200; the first is the one
 * compared with the raw loop): what the intake itself costs.
 */
final class FileIntakeThroughput implements Benchmark {

    private static final List<Integer> SINK_SIZES_MB = List.of(System.getProperty("bench.file.mb", "100,10,200").split(",")).stream()
            .map(String::trim).map(Integer::valueOf).toList();
    private static final int LOCAL_SIZE_MB = Integer.getInteger("bench.file.local.mb", 1);
    private static final int SHARDS = 4;
    private static final String HEAP = "256m";
    private static final String HEADER = "dropoff_datetime,rate_code,passenger_count,trip_distance,fare_amount,tip_amount,payment_type,trip_type,trip_id";
    private static final Pattern AFTER_GC = Pattern.compile("Pause (Young|Full).* (\\d+)M->(\\d+)M\\((\\d+)M\\)");

    @Override
    public void run(Bench bench) throws Exception {
        String label = "6. file intake (`tripflow run` as a process, -Xmx" + HEAP + ", trip-end rows)";
        Path small = generate(bench, LOCAL_SIZE_MB);
        Intake local = intake(bench, small, null);
        String stream = TestStack.freshResources("bench6raw", true, Map.of("tripflow.streams.trip-end.shards", String.valueOf(SHARDS)))
                .get("tripflow.streams.trip-end");
        double localRaw = rawPutRecords(bench.aws.kinesis(), stream, small);
        String onLocal = LOCAL_SIZE_MB + " MB file (" + local.rows + " rows) to kinesis-local, " + SHARDS + " shards: ";
        bench.row(label, onLocal + "rows/s taken in", String.format(Locale.ROOT, "%.0f", local.rowsPerSecond()), "", 1);
        bench.row(label, onLocal + "rows/s of the raw loop", String.format(Locale.ROOT, "%.0f", localRaw), "", 1);
        bench.row(label, onLocal + "intake ÷ raw", String.format(Locale.ROOT, "%.2f", local.rowsPerSecond() / localRaw), "≥ 0.9", 1);

        try (KinesisSink sink = new KinesisSink()) {
            for (int i = 0; i < SINK_SIZES_MB.size(); i++) {
                int mb = SINK_SIZES_MB.get(i);
                Path file = generate(bench, mb);
                Intake intake = intake(bench, file, sink);
                String onSink = mb + " MB file (" + intake.rows + " rows) to a sink that accepts at once: ";
                bench.row(label, onSink + "rows/s taken in", String.format(Locale.ROOT, "%.0f", intake.rowsPerSecond()), "", 1);
                bench.row(label, onSink + "heap after GC while taking it in, MB: max (median) of " + intake.heapAfterGc.size() + " collections",
                        String.format(Locale.ROOT, "%d (%d)", intake.maxHeap(), intake.medianHeap()), "flat across sizes", 1);
                if (i == 0) {
                    double raw;
                    try (KinesisClient json = jsonClient(sink.url())) {
                        raw = rawPutRecords(json, "sink", file);
                    }
                    bench.row(label, onSink + "rows/s of the raw loop", String.format(Locale.ROOT, "%.0f", raw), "", 1);
                    bench.row(label, onSink + "intake ÷ raw", String.format(Locale.ROOT, "%.2f", intake.rowsPerSecond() / raw), "≥ 0.9", 1);
                }
            }
        }
    }

    /** A Kinesis client speaking JSON, as the sink does; the SDK reads the CBOR switch when a client is built. */
    private static KinesisClient jsonClient(String url) {
        String cbor = SdkSystemSetting.CBOR_ENABLED.property();
        String before = System.getProperty(cbor);
        System.setProperty(cbor, "false");
        try {
            return KinesisClient.builder().endpointOverride(URI.create(url)).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench"))).build();
        } finally {
            if (before == null) {
                System.clearProperty(cbor);
            } else {
                System.setProperty(cbor, before);
            }
        }
    }

    private record Intake(long rows, Duration took, List<Integer> heapAfterGc) {
        double rowsPerSecond() {
            return rows / (took.toMillis() / 1000.0);
        }

        int maxHeap() {
            return heapAfterGc.stream().mapToInt(Integer::intValue).max().orElse(0);
        }

        int medianHeap() {
            return heapAfterGc.isEmpty() ? 0 : heapAfterGc.stream().sorted().toList().get(heapAfterGc.size() / 2);
        }
    }

    /** @param sink where the process sends its events, or null for the stack's kinesis-local */
    private static Intake intake(Bench bench, Path file, KinesisSink sink) throws Exception {
        Map<String, String> settings = new HashMap<>(TestStack.freshResources("bench6", true,
                Map.of("tripflow.streams.trip-end.shards", String.valueOf(SHARDS))));
        settings.put("tripflow.streams.per-half.enabled", "false");
        settings.put("tripflow.files.poll-delay-ms", "500");
        settings.put("tripflow.management.port", "0");
        String mb = (Files.size(file) >> 20) + "mb" + (sink != null ? "-sink" : "");
        Path gcLog = bench.home.resolve("target/bench-file-" + mb + "-gc.log");
        Files.deleteIfExists(gcLog);
        ProcessBuilder run = bench.launcher(settings, "run");
        run.environment().put("JAVA_OPTS", "-Xms" + HEAP + " -Xmx" + HEAP + " -Xlog:gc:file=" + gcLog);
        if (sink != null) {
            run.environment().put("AWS_ENDPOINT_URL_KINESIS", sink.url());
            run.environment().put(TripflowSettings.envVarOf("tripflow.kinesis.cbor"), "false");
        }
        Process process = run.redirectErrorStream(true).redirectOutput(bench.home.resolve("target/bench-file-" + mb + ".log").toFile()).start();
        try {
            String bucket = settings.get("tripflow.files.bucket");
            Bench.log("uploading %s (%d MB)", file.getFileName(), Files.size(file) >> 20);
            bench.aws.s3().putObject(b -> b.bucket(bucket).key("incoming/" + file.getFileName()), RequestBody.fromFile(file));
            String reportKey = "reports/" + file.getFileName() + ".json";
            Bench.waitUntil(() -> !process.isAlive() || !bench.aws.s3().listObjectsV2(b -> b.bucket(bucket).prefix(reportKey)).contents().isEmpty(),
                    60 * 60);
            if (!process.isAlive()) {
                throw new IllegalStateException("tripflow run exited, see target/bench-file-" + mb + ".log");
            }
            JsonNode report = TripJson.strictReader().readTree(bench.aws.s3().getObjectAsBytes(b -> b.bucket(bucket).key(reportKey)).asByteArray());
            Duration took = Duration.between(Instant.parse(report.get("started_at").asText()), Instant.parse(report.get("finished_at").asText()));
            Bench.log("%s: %s", file.getFileName(), report.toString().substring(0, Math.min(300, report.toString().length())));
            return new Intake(report.get("events_sent").asLong(), took, heapAfterGc(gcLog));
        } finally {
            process.destroy();
            process.waitFor(40, TimeUnit.SECONDS);
        }
    }

    /** The heap in use after each young or full collection, in MB, from a -Xlog:gc file. */
    private static List<Integer> heapAfterGc(Path gcLog) throws IOException {
        List<Integer> heap = new ArrayList<>();
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = AFTER_GC.matcher(line);
            if (m.find()) {
                heap.add(Integer.valueOf(m.group(3)));
            }
        }
        return heap;
    }

    /** The same rows as the events the intake sends, put 500 a call, with only the failed entries put again. */
    private static double rawPutRecords(KinesisClient kinesis, String stream, Path file) throws Exception {
        long rows = 0;
        long started = System.nanoTime();
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            lines.readLine();
            List<PutRecordsRequestEntry> batch = new ArrayList<>(500);
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String[] c = line.split(",", -1);
                String json = "{\"event_type\":\"trip_end\",\"dropoff_datetime\":\"" + c[0].replace(' ', 'T') + "Z\",\"rate_code\":" + c[1]
                        + ",\"passenger_count\":" + c[2] + ",\"trip_distance\":" + c[3] + ",\"fare_amount\":" + c[4] + ",\"tip_amount\":" + c[5]
                        + ",\"payment_type\":" + c[6] + ",\"trip_type\":" + c[7] + ",\"trip_id\":\"" + c[8] + "\"}";
                batch.add(PutRecordsRequestEntry.builder().partitionKey(c[8]).data(SdkBytes.fromUtf8String(json)).build());
                rows++;
                if (batch.size() == 500) {
                    putAll(kinesis, stream, batch);
                    batch = new ArrayList<>(500);
                }
            }
            if (!batch.isEmpty()) {
                putAll(kinesis, stream, batch);
            }
        }
        return rows / ((System.nanoTime() - started) / 1e9);
    }

    private static void putAll(KinesisClient kinesis, String stream, List<PutRecordsRequestEntry> entries)
            throws InterruptedException {
        List<PutRecordsRequestEntry> pending = entries;
        while (!pending.isEmpty()) {
            var sent = pending;
            var response = kinesis.putRecords(b -> b.streamName(stream).records(sent));
            List<PutRecordsRequestEntry> failed = new ArrayList<>();
            for (int i = 0; i < response.records().size(); i++) {
                if (response.records().get(i).errorCode() != null) {
                    failed.add(sent.get(i));
                }
            }
            if (!failed.isEmpty()) {
                Thread.sleep(100);
            }
            pending = failed;
        }
    }

    /** Trip-end rows shaped like the real data's, to about the size asked; made once and kept in target/. */
    static Path generate(Bench bench, int mb) throws IOException {
        Path file = bench.home.resolve("target/bench-files/trip-end-" + mb + "mb.csv");
        if (Files.exists(file)) {
            return file;
        }
        Files.createDirectories(file.getParent());
        long target = (long) mb << 20;
        LocalDateTime base = LocalDateTime.of(2024, 5, 25, 0, 0);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write('\n');
            long written = HEADER.length() + 1;
            for (long i = 0; written < target; i++) {
                String row = Bench.CSV_TIME.format(base.plusSeconds(i % 86_400)) + ",1.0," + (1 + i % 4) + ".0," + (i % 3000) / 100.0 + ","
                        + (10 + (i * 7919 % 900_000) / 10_000.0) + "0917462," + (i % 5) + ".0,1.0,1.0,f" + Long.toHexString(0x100000000L + i);
                out.write(row);
                out.write('\n');
                written += row.length() + 1;
            }
        }
        return file;
    }
}
