package io.tripflow.pipeline;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tripflow.TripflowApplication;
import io.tripflow.dynamodb.NumberBounds;
import io.tripflow.engine.RouteVariables;
import io.tripflow.intake.FileClaims;
import io.tripflow.intake.HostileCorpus;
import io.tripflow.localstack.TcpProxy;
import io.tripflow.localstack.TestStack;
import io.tripflow.trip.TripJson;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Select;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two tripflow processes on one bucket, with the container's heap (-Xmx256m, and
 * -XX:+ExitOnOutOfMemoryError, so that a blown heap would show as a dead process) and S3 behind a
 * proxy that counts what it sends back: each file version taken in exactly once, while a key is
 * overwritten and another deleted mid-read and one process is killed mid-file; hostile values in
 * files and on the stream answered with reasons; skipped files not downloaded; the KPIs exact.
 */
class FileIntakeReplicasIT {

    private static final int SMALL_FILES = 10;
    private static final int SMALL_FILE_ROWS = 50;
    /** Whole trips: two events a row, sent through kinesis-local, which both replicas share with their consumers. */
    private static final int BIG_FILE_ROWS = 4_000;
    private static final int MID_FILE_ROWS = 1_500;
    private static final LocalDate DAY = LocalDate.of(2024, 6, 10);
    private static final List<String> CONTAINER_HEAP = List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError");

    private final Map<String, String> settings = new HashMap<>(TestStack.freshResources("file-replicas", true));
    private final TestStack.Clients aws = TestStack.clients();
    private final String bucket = settings.get("tripflow.files.bucket");

    @Test
    void everyVersionIsTakenInOnceThroughOverwritesDeletesAKillAndHostileInputWithExactKpis() throws Exception {
        settings.put("tripflow.management.port", "0");
        settings.put("tripflow.files.claim-lease-seconds", "5");
        settings.put("tripflow.files.poll-delay-ms", "500");
        try (TcpProxy s3 = new TcpProxy(URI.create(TestStack.processEnvironment().get("AWS_ENDPOINT_URL_S3")).getPort())) {
            Map<String, String> throughProxy = Map.of("AWS_ENDPOINT_URL_S3", s3.url());
            TripflowProcess a = TripflowProcess.start("files-a", settings, throughProxy, CONTAINER_HEAP);
            TripflowProcess b = TripflowProcess.start("files-b", settings, throughProxy, CONTAINER_HEAP);
            try {
                smallFilesOnceEach(s3);
                aHeldFileIsNotDownloaded(s3);
                hostileInputIsAnsweredWithReasons(a, b);
                long expectedTrips = overwrittenDeletedAndKilledMidRead(a, b);
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2)).until(() -> completed() == expectedTrips);
                assertEquals(expectedTrips, kpiTrips(), "the date's KPIs count every trip of every version once");
                assertTrue(claims().stream().noneMatch(claim -> claim.get("claim_status").s().equals("RUNNING")), "no claim left running");
            } finally {
                a.kill();
                b.kill();
            }
        }
    }

    private void smallFilesOnceEach(TcpProxy s3) {
        long before = s3.bytesAnswered();
        long size = 0;
        for (int f = 0; f < SMALL_FILES; f++) {
            String file = wholeTrips("s" + f + "-", SMALL_FILE_ROWS);
            size += file.length();
            put("incoming/small-" + f + ".csv", file);
        }
        awaitReports("reports/small-", SMALL_FILES);
        for (var claim : claims()) {
            assertEquals("PROCESSED", claim.get("claim_status").s(), claim.get(FileClaims.FILE_ID).s());
            assertEquals("1", claim.get("attempts").n(), "taken in once: " + claim.get(FileClaims.FILE_ID).s());
        }
        System.out.printf("S3 bytes answered for %d files of %d bytes, two replicas polling: %.2f x their size%n",
                SMALL_FILES, size, (s3.bytesAnswered() - before) / (double) size);
    }

    /** A large file claimed by an instance elsewhere: both replicas list it every poll and must leave it unread. */
    private void aHeldFileIsNotDownloaded(TcpProxy s3) throws InterruptedException {
        String file = wholeTrips("held-", 600_000);
        String etag = put("incoming/held.csv", file);
        aws.dynamoDb().putItem(p -> p.tableName(settings.get("tripflow.files.claims-table")).item(Map.of(
                FileClaims.FILE_ID, AttributeValue.fromS(bucket + "/incoming/held.csv#" + etag),
                "claim_status", AttributeValue.fromS("RUNNING"), "attempts", AttributeValue.fromN("1"),
                "lease_owner", AttributeValue.fromS("elsewhere"),
                "lease_until_epoch_ms", AttributeValue.fromN(Long.toString(System.currentTimeMillis() + 3_600_000)))));
        long before = s3.bytesAnswered();
        Thread.sleep(10_000);
        long answered = s3.bytesAnswered() - before;
        System.out.printf("S3 bytes answered in 10 s of polls over a held file of %d bytes: %d (%.2f x its size)%n",
                file.length(), answered, answered / (double) file.length());
        assertTrue(answered < file.length(), "about 40 polls of two replicas download less than the file once: " + answered);
        // the instance elsewhere is done with it
        aws.s3().deleteObject(d -> d.bucket(bucket).key("incoming/held.csv"));
        aws.dynamoDb().deleteItem(d -> d.tableName(settings.get("tripflow.files.claims-table"))
                .key(Map.of(FileClaims.FILE_ID, AttributeValue.fromS(bucket + "/incoming/held.csv#" + etag))));
    }

    /** The hostile corpus as a trip file, a shop file and stream records: every value answered with a reason, no replica down. */
    private void hostileInputIsAnsweredWithReasons(TripflowProcess a, TripflowProcess b) throws Exception {
        put("incoming/hostile.csv", HostileCorpus.wholeTripFile("2024-06-11"));
        put("orders/incoming/hostile.csv", HostileCorpus.ordersFile());
        String stream = settings.get("tripflow.streams.trip-end");
        for (int i = 0; i < HostileCorpus.NUMBERS.size(); i++) {
            String id = "hs-" + i;
            String event = "{\"trip_id\":\"" + id + "\",\"dropoff_datetime\":\"2024-06-11 10:00:00\",\"fare_amount\":3,\"tip_amount\":"
                    + HostileCorpus.NUMBERS.get(i) + "}";
            aws.kinesis().putRecord(p -> p.streamName(stream).partitionKey(id).data(SdkBytes.fromUtf8String(event)));
        }
        awaitReports("reports/hostile", 1);
        awaitReports("orders/reports/hostile", 1);
        long beyondBounds = HostileCorpus.NUMBERS.stream().filter(FileIntakeReplicasIT::refused).count();
        JsonNode trips = report("reports/hostile.csv.json");
        assertEquals(HostileCorpus.NUMBERS.size() + 1, trips.get("rows_read").asInt());
        assertEquals(beyondBounds + 1, trips.get("rows_rejected").asInt(), trips.toString());
        JsonNode orders = report("orders/reports/hostile.csv.json");
        assertEquals(orders.get("rows_read").asInt(), orders.get("rows_stored").asInt() + orders.get("rows_rejected").asInt());
        assertTrue(orders.get("rows_rejected").asInt() >= beyondBounds + 2, orders.toString());
        String queue = aws.sqs().getQueueUrl(q -> q.queueName(settings.get("tripflow.dead-letter.queue"))).queueUrl();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> Integer.parseInt(aws.sqs()
                .getQueueAttributes(q -> q.queueUrl(queue).attributeNamesWithStrings("ApproximateNumberOfMessages")).attributesAsStrings()
                .get("ApproximateNumberOfMessages")) + storedWithPrefix("hs-") == HostileCorpus.NUMBERS.size());
        assertTrue(a.alive() && b.alive(), "both replicas survive the corpus on the container's heap");
    }

    private static boolean refused(String number) {
        try {
            NumberBounds.DEFAULT.parse(number.trim());
            return false;
        } catch (NumberFormatException refused) {
            return true;
        }
    }

    private long storedWithPrefix(String prefix) {
        return aws.dynamoDb().scanPaginator(s -> s.tableName(settings.get("tripflow.trips.table")).consistentRead(true)
                        .select(Select.COUNT).filterExpression("begins_with(trip_id, :p)")
                        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(prefix))))
                .stream().mapToInt(page -> page.count()).sum();
    }

    /** @return the trips of {@link #DAY} every version taken in adds up to */
    private long overwrittenDeletedAndKilledMidRead(TripflowProcess a, TripflowProcess b) throws Exception {
        put("incoming/over.csv", wholeTrips("over1-", MID_FILE_ROWS));
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20)).until(() -> takingIn(a, "over") || takingIn(b, "over"));
        String second = wholeTrips("over2-", 50);
        put("incoming/over.csv", second);
        await().atMost(Duration.ofMinutes(5)).until(() -> keys("processed/over").size() == 1
                && new String(aws.s3().getObjectAsBytes(g -> g.bucket(bucket).key("processed/over.csv")).asByteArray(), StandardCharsets.UTF_8)
                .equals(second));

        put("incoming/gone.csv", wholeTrips("gone-", MID_FILE_ROWS));
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20)).until(() -> takingIn(a, "gone") || takingIn(b, "gone"));
        aws.s3().deleteObject(d -> d.bucket(bucket).key("incoming/gone.csv"));
        awaitReports("reports/gone", 1);
        long gone = report("reports/gone.csv.json").get("rows_read").asLong();

        put("incoming/big.csv", wholeTrips("big-", BIG_FILE_ROWS));
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20)).until(() -> takingIn(a, "big") || takingIn(b, "big"));
        TripflowProcess owner = takingIn(a, "big") ? a : b;
        owner.kill();
        awaitReports("reports/big", 1);
        assertEquals(BIG_FILE_ROWS, report("reports/big.csv.json").get("rows_read").asInt());
        var big = claims().stream().filter(c -> c.get(FileClaims.FILE_ID).s().contains("incoming/big.csv")).findFirst().orElseThrow();
        assertEquals("2", big.get("attempts").n(), "claimed by the killed process, then by the other");

        var versions = claims().stream().filter(c -> c.get(FileClaims.FILE_ID).s().contains("incoming/over.csv")).toList();
        assertEquals(2, versions.size(), "both versions of over.csv");
        versions.forEach(v -> assertEquals("1", v.get("attempts").n(), "each version taken in once"));
        return SMALL_FILES * SMALL_FILE_ROWS + MID_FILE_ROWS + 50 + gone + BIG_FILE_ROWS;
    }

    private long kpiTrips() throws Exception {
        String kpi = TripflowApplication.runOnce(TripflowApplication.Mode.KPI, settings, camel -> camel.createProducerTemplate()
                .requestBodyAndHeaders("direct:daily-kpi", null, Map.of(RouteVariables.KPI_DATE, DAY, RouteVariables.KPI_FORCE, true),
                        String.class));
        return TripJson.strictReader().readTree(kpi).get("count_trips").asLong();
    }

    private String put(String key, String content) {
        return aws.s3().putObject(p -> p.bucket(bucket).key(key), RequestBody.fromString(content)).eTag();
    }

    private void awaitReports(String prefix, int count) {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() -> keys(prefix).size() == count);
    }

    private List<String> keys(String prefix) {
        return aws.s3().listObjectsV2(l -> l.bucket(bucket).prefix(prefix)).contents().stream().map(o -> o.key()).toList();
    }

    private JsonNode report(String key) throws Exception {
        return TripJson.strictReader().readTree(aws.s3().getObjectAsBytes(g -> g.bucket(bucket).key(key)).asByteArray());
    }

    private List<Map<String, AttributeValue>> claims() {
        return aws.dynamoDb().scan(s -> s.tableName(settings.get("tripflow.files.claims-table")).consistentRead(true)).items();
    }

    private static boolean takingIn(TripflowProcess process, String name) throws Exception {
        return Files.readString(process.log).contains("Taking in incoming/" + name + ".csv");
    }

    /** Completed trips of the table: one item per trip, however often its events were sent. */
    private long completed() {
        return aws.dynamoDb().scanPaginator(s -> s.tableName(settings.get("tripflow.trips.table")).consistentRead(true)
                        .select(Select.COUNT).filterExpression("trip_date = :d")
                        .expressionAttributeValues(Map.of(":d", AttributeValue.fromS(DAY.toString()))))
                .stream().mapToInt(page -> page.count()).sum();
    }

    /** A whole-trip file of distinct trips dropped off on {@link #DAY}. */
    private static String wholeTrips(String idPrefix, int rows) {
        StringBuilder file = new StringBuilder("trip_id,pickup_datetime,dropoff_datetime,fare_amount\n");
        for (int i = 0; i < rows; i++) {
            file.append(idPrefix).append(i).append(',').append(DAY).append(" 10:00:00,").append(DAY).append(" 10:30:00,")
                    .append(10 + i % 50).append(".25\n");
        }
        return file.toString();
    }
}
