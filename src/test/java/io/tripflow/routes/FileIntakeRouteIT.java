package io.tripflow.routes;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * file-intake.yaml on its real S3 consumer (polling S3Mock every 200 ms), sending to the real
 * streams: what a dropped file becomes, in events, report and where the file ends up.
 */
class FileIntakeRouteIT extends RouteTestSupport {

    /** Every quirk real files have: BOM, CRLF, quotes, blank lines, 0E-9, 15 decimals, +, ids like numbers, no last newline. */
    static final String MESSY_ENDS = "\uFEFFtrip_id,dropoff_datetime,fare_amount,tip_amount,trip_distance,payment_type,\"driver, name\"\r\n"
            + "0487037833,2024-05-25 14:05:00,40.09620692463166,0E-9,+2.5,1.0,\"Smith, \"\"Jo\"\"\"\r\n"
            + "\r\n"
            + "2e37064969,2024-05-25T15:00:00Z,12,,0,,x\r\n"
            + "m3,25-05-2024 16:00,10,0,1,1,x\r\n"
            + "m4,2024-05-25 16:30:00,ten,0,1,1,x\r\n"
            + "m5,2024-05-25 17:00:00,7.5,1,1\r\n"
            + "m6,2024-05-25 17:30:00,8.25,0.75,3.1,2,\"multi\nline\"";

    @Override
    List<String> routeFiles() {
        return List.of("file-intake.yaml", "file-intake-errors.yaml", "trip-files.yaml");
    }

    @Override
    Map<String, String> extraSettings() {
        return Map.of("tripflow.files.poll-delay-ms", "200", "tripflow.files.report-max-rejected-rows", "2");
    }

    private DroppedFiles files;

    @BeforeEach
    void start() {
        context.start();
        files = new DroppedFiles(context, aws, setting("tripflow.files.bucket"));
    }

    @Test
    void aMessyFileIsSentRowByRowWithEachUnreadableRowInTheReport() throws Exception {
        files.drop("incoming/ends.csv", MESSY_ENDS);

        JsonNode report = files.report("reports/ends.csv.json");
        assertEquals("trip-end", report.get("kind").asText());
        assertEquals("processed", report.get("outcome").asText());
        assertEquals(6, report.get("rows_read").asInt());
        assertEquals(3, report.get("events_sent").asInt());
        assertEquals(3, report.get("rows_rejected").asInt());
        assertEquals(5, report.at("/rejected_rows/0/line").asInt());
        assertEquals("dropoff_datetime '25-05-2024 16:00' is a timestamp in no configured form", report.at("/rejected_rows/0/reason").asText());
        assertEquals(6, report.at("/rejected_rows/1/line").asInt());
        assertTrue(report.get("rejected_rows_truncated").asBoolean(), "the third is counted, not listed");
        assertEquals("driver, name", report.at("/ignored_columns/0").asText());
        assertEquals(List.of("processed/ends.csv", "reports/ends.csv.json"), files.keys());

        List<JsonNode> events = files.events(setting("tripflow.streams.trip-end"));
        assertEquals(3, events.size());
        JsonNode first = events.stream().filter(e -> e.get("trip_id").asText().equals("0487037833")).findFirst().orElseThrow();
        assertEquals("2024-05-25T14:05:00Z", first.get("dropoff_datetime").asText());
        assertEquals("40.09620692463166", first.get("fare_amount").decimalValue().toPlainString());
        assertEquals(0, BigDecimal.ZERO.compareTo(first.get("tip_amount").decimalValue()), "0E-9 is zero, a number");
        assertEquals("2.5", first.get("trip_distance").decimalValue().toPlainString());
    }

    /** Day-first timestamps, which no built-in form reads; FileIntakeDayFirstRouteIT configures their pattern. */
    static final String DAY_FIRST_STARTS = "trip_id,pickup_datetime,estimated_dropoff_datetime,estimated_fare_amount\n"
            + "d1,25-05-2024 10:00,25-05-2024 10:30,12.5\n"
            + "d2,26-05-2024 23:45,27-05-2024 00:10,8\n";

    @Test
    void aDayFirstFileWithoutItsPatternIsRejectedRowByRowAndNothingIsSent() throws Exception {
        files.drop("incoming/day-first.csv", DAY_FIRST_STARTS);
        JsonNode report = files.report("reports/day-first.csv.json");
        assertEquals(2, report.get("rows_rejected").asInt());
        assertEquals(0, report.get("events_sent").asInt());
        assertEquals("pickup_datetime '25-05-2024 10:00' is a timestamp in no configured form; "
                + "estimated_dropoff_datetime '25-05-2024 10:30' is a timestamp in no configured form", report.at("/rejected_rows/0/reason").asText());
        assertEquals(List.of(), files.events(setting("tripflow.streams.trip-start")));
    }

    @Test
    void theSameContentAgainIsNotSentAgainButChangedContentIs() throws Exception {
        String file = "trip_id,dropoff_datetime,fare_amount\nr1,2024-05-25 10:00:00,5\n";
        files.drop("incoming/again.csv", file);
        String firstReport = files.text("reports/again.csv.json");
        files.drop("incoming/again.csv", file);
        assertEquals(1, files.events(setting("tripflow.streams.trip-end")).size(), "the same ETag: moved, not sent");
        assertEquals(firstReport, files.text("reports/again.csv.json"));

        files.drop("incoming/again.csv", file + "r2,2024-05-25 11:00:00,6\n");
        assertEquals(3, files.events(setting("tripflow.streams.trip-end")).size(), "a new version is a new file");
        assertEquals(2, files.report("reports/again.csv.json").get("events_sent").asInt());
    }

    @Test
    void unusableFilesGoToRejectedWithAReportSayingWhyAndTheIntakeGoesOn() throws Exception {
        files.drop("incoming/empty.csv", "");
        files.drop("incoming/binary.bin", new byte[] {(byte) 0xC3, 0x28, 0, 1});
        files.drop("incoming/orders.csv", "order_id,status\n1,shipped\n");
        files.drop("incoming/long.csv", "x".repeat(10 * 1024 * 1024));
        // a folder, as the S3 console creates it: left alone, without a report
        aws.s3().putObject(b -> b.bucket(setting("tripflow.files.bucket")).key("incoming/folder/"), RequestBody.empty());
        files.drop("incoming/header-only.csv", "trip_id,pickup_datetime,estimated_dropoff_datetime,estimated_fare_amount\n");

        assertEquals("the file is empty", files.report("reports/empty.csv.json").get("file_rejected_because").asText());
        assertTrue(files.report("reports/orders.csv.json").get("file_rejected_because").asText().startsWith("the header is of no known kind"));
        assertTrue(files.report("reports/long.csv.json").get("file_rejected_because").asText().startsWith("the first line is longer than"));
        assertEquals("processed", files.report("reports/header-only.csv.json").get("outcome").asText());
        assertEquals(List.of("incoming/folder/", "processed/header-only.csv", "rejected/binary.bin", "rejected/empty.csv", "rejected/long.csv",
                "rejected/orders.csv"), files.keys().stream().filter(k -> !k.startsWith("reports/")).toList());
    }

    @Test
    void gzipAndTlcNamedFilesAreReadAsTheyAreDroppedAndADamagedArchiveIsRejectedAfterItsReadableRows() throws Exception {
        byte[] small = DroppedFiles.gzip(ends("g-", 3));
        files.drop("incoming/ends.csv.gz", small);
        JsonNode report = files.report("reports/ends.csv.gz.json");
        assertEquals(3, report.get("events_sent").asInt(), report.toString());
        assertEquals(small.length, report.get("bytes_read").asInt());

        byte[] big = DroppedFiles.gzip(ends("t-", 3_000));
        files.drop("incoming/cut.csv.gz", java.util.Arrays.copyOf(big, big.length / 2));
        JsonNode cut = files.report("reports/cut.csv.gz.json");
        assertEquals("rejected", cut.get("outcome").asText());
        assertTrue(cut.get("file_rejected_because").asText().startsWith("the gzip archive is damaged after"), cut.toString());
        assertTrue(cut.get("events_sent").asInt() > 0, "the rows before the damage were sent: " + cut);

        files.drop("incoming/ends.csv.bz2", "BZh91AY&SY");
        assertTrue(files.report("reports/ends.csv.bz2.json").get("file_rejected_because").asText().startsWith("the file is compressed as bz2"));

        // as the NYC TLC publishes them: whole trips under their own column names
        files.drop("incoming/yellow.csv", "VendorID,tpep_pickup_datetime,tpep_dropoff_datetime,PULocationID,fare_amount,Airport_fee\n"
                + "2,2024-06-03 08:00:00,2024-06-03 08:20:00,186,17.7,0\n");
        JsonNode yellow = files.report("reports/yellow.csv.json");
        assertEquals("whole-trip", yellow.get("kind").asText());
        assertEquals(2, yellow.get("events_sent").asInt(), yellow.toString());
        assertEquals("[\"Airport_fee\"]", yellow.get("ignored_columns").toString());
    }

    /** Rows enough for two batches: the first is sent before the file is read to its end. */
    private static String ends(String prefix, int rows) {
        StringBuilder file = new StringBuilder("trip_id,dropoff_datetime,fare_amount\n");
        for (int i = 0; i < rows; i++) {
            file.append(prefix).append(i).append(",2024-05-25 10:00:00,5\n");
        }
        return file.toString();
    }

    /** Runs the change to S3 once, while the file is being read: after its first batch was sent. */
    private void duringTheRead(Runnable change) throws Exception {
        var done = new java.util.concurrent.atomic.AtomicBoolean();
        AdviceWith.adviceWith(context, "file-intake", route -> route.interceptSendToEndpoint("bean:fileEventPublisher*")
                .afterUri("mock:sent").process(exchange -> {
                    if (done.compareAndSet(false, true)) {
                        change.run();
                    }
                }));
    }

    @Test
    void aVersionUploadedWhileTheFileIsReadStaysInIncomingAndIsTakenInNext() throws Exception {
        String bucket = setting("tripflow.files.bucket");
        String second = ends("v2-", 3);
        duringTheRead(() -> aws.s3().putObject(b -> b.bucket(bucket).key("incoming/race.csv"), RequestBody.fromString(second)));
        NotifyBuilder both = new NotifyBuilder(context).fromRoute("file-intake").filter(e -> e.getProperty(ExchangePropertyKey.SPLIT_INDEX) == null)
                .whenDone(2).create();
        aws.s3().putObject(b -> b.bucket(bucket).key("incoming/race.csv"), RequestBody.fromString(ends("v1-", 700)));
        assertTrue(both.matches(60, TimeUnit.SECONDS), "both versions taken in");
        await().atMost(Duration.ofSeconds(30)).until(() -> files.keys().equals(List.of("processed/race.csv", "reports/race.csv.json")));

        assertEquals(second, files.text("processed/race.csv"), "the newer version was read, not moved unread");
        assertEquals(703, files.events(setting("tripflow.streams.trip-end")).size(), "every row of both versions, once");
        assertEquals(List.of("PROCESSED", "PROCESSED"), claimStatuses(), "the superseded version's claim is closed");
    }

    @Test
    void theReportOfALaterVersionIsNotReplacedByTheReportOfAnEarlierOneFinishingLate() throws Exception {
        // as another instance leaves it once it has taken in a version uploaded after this one
        String later = "{\"about\": \"a later version\"}";
        aws.s3().putObject(b -> b.bucket(setting("tripflow.files.bucket")).key("reports/late.csv.json")
                .metadata(Map.of("tripflow-file-last-modified", java.time.Instant.now().plus(Duration.ofHours(1)).toString())),
                RequestBody.fromString(later));
        files.drop("incoming/late.csv", ends("l-", 1));
        assertEquals(List.of("processed/late.csv", "reports/late.csv.json"), files.keys());
        assertEquals(later, files.text("reports/late.csv.json"));

        // a report about an earlier upload is replaced (the same file again later, after a reprocess)
        aws.s3().putObject(b -> b.bucket(setting("tripflow.files.bucket")).key("reports/late.csv.json")
                .metadata(Map.of("tripflow-file-last-modified", "2001-01-01T00:00:00Z")), RequestBody.fromString(later));
        files.drop("incoming/late.csv", ends("m-", 2));
        assertEquals(2, files.report("reports/late.csv.json").get("events_sent").asInt());
    }

    @Test
    void aFileDeletedWhileReadEndsWithItsReportAndNoClaimLeftRunning() throws Exception {
        String bucket = setting("tripflow.files.bucket");
        duringTheRead(() -> aws.s3().deleteObject(b -> b.bucket(bucket).key("incoming/vanishing.csv")));
        files.drop("incoming/vanishing.csv", ends("d-", 700));
        assertEquals(List.of("reports/vanishing.csv.json"), files.keys());
        assertEquals(List.of("PROCESSED"), claimStatuses());
        assertEquals(700, files.report("reports/vanishing.csv.json").get("events_sent").asInt(), "the version read, read to its end");
    }

    @Test
    void aKeyTooLongForItsProcessedAndReportsFoldersIsShortenedNotRefused() throws Exception {
        String name = "n".repeat(1_024 - "incoming/".length() - ".csv".length()) + ".csv";
        files.drop("incoming/" + name, ends("k-", 1));
        List<String> keys = files.keys();
        assertEquals(2, keys.size(), keys.toString());
        assertTrue(keys.stream().allMatch(key -> key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 1_024));
        assertTrue(keys.get(0).startsWith("processed/nnnn") && keys.get(1).startsWith("reports/nnnn") && keys.get(1).endsWith(".json"), keys.toString());
        assertEquals("processed", files.report(keys.get(1)).get("outcome").asText());
    }

    private List<String> claimStatuses() {
        return aws.dynamoDb().scan(b -> b.tableName(setting("tripflow.files.claims-table")).consistentRead(true)).items().stream()
                .map(item -> item.get("claim_status").s()).toList();
    }
}
