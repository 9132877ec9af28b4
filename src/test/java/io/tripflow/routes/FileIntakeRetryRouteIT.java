package io.tripflow.routes;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.tripflow.intake.FileClaims;
import io.tripflow.intake.FileRequeue;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** file-intake.yaml when sending fails: the file stays where it is, its claim is given up, and it is taken in later. */
class FileIntakeRetryRouteIT extends RouteTestSupport {

    @Override
    List<String> routeFiles() {
        return List.of("file-intake.yaml", "file-intake-errors.yaml", "trip-files.yaml");
    }

    @Override
    Map<String, String> extraSettings() {
        return Map.of("tripflow.files.poll-delay-ms", "200");
    }

    @Test
    void aFileWhoseStreamIsGoneStaysInIncomingAndIsTakenInOnceTheStreamIsBackAfterTheRetryDelay() throws Exception {
        context.start();
        String stream = setting("tripflow.streams.trip-end");
        var kinesis = aws.kinesis();
        kinesis.deleteStream(b -> b.streamName(stream));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try {
                kinesis.describeStreamSummary(b -> b.streamName(stream));
                return false;
            } catch (ResourceNotFoundException gone) {
                return true;
            }
        });

        String bucket = setting("tripflow.files.bucket");
        aws.s3().putObject(b -> b.bucket(bucket).key("incoming/ends.csv"),
                RequestBody.fromString("trip_id,dropoff_datetime,fare_amount\nr1,2024-05-25 10:00:00,5\nr2,2024-05-25 11:00:00,6\n"));
        // the first attempt has failed once its claim keeps the error
        await().atMost(Duration.ofSeconds(30)).until(() -> aws.dynamoDb().scan(b -> b.tableName(setting("tripflow.files.claims-table"))
                .consistentRead(true)).items().stream().anyMatch(claim -> claim.containsKey("last_error")));
        long failedAt = System.nanoTime();
        var files = new DroppedFiles(context, aws, bucket);
        assertEquals(List.of("incoming/ends.csv"), files.keys(), "left in place, no report");
        var claims = aws.dynamoDb().scan(b -> b.tableName(setting("tripflow.files.claims-table"))).items();
        assertEquals(1, claims.size());
        assertEquals("RUNNING", claims.get(0).get("claim_status").s(), "given up, not finished");
        assertTrue(claims.get(0).get("last_error").s().contains("ResourceNotFoundException"), claims.get(0).get("last_error").s());
        assertEquals(AttributeValue.fromN("1"), claims.get(0).get("attempts"));

        kinesis.createStream(b -> b.streamName(stream).shardCount(1));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                kinesis.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary().streamStatus() == StreamStatus.ACTIVE);
        // the report is written first, then the file is copied to processed/ and deleted from incoming/
        await().atMost(Duration.ofSeconds(40)).until(() -> files.keys().equals(List.of("processed/ends.csv", "reports/ends.csv.json")));
        assertTrue(System.nanoTime() - failedAt >= Duration.ofSeconds(9).toNanos(), "not before the retry delay");
        assertEquals(2, files.report("reports/ends.csv.json").get("events_sent").asInt());
        assertEquals(2, files.events(stream).size());
        assertEquals(AttributeValue.fromN("2"), aws.dynamoDb().scan(b -> b.tableName(setting("tripflow.files.claims-table")))
                .items().get(0).get("attempts"));
        assertEquals(FileClaims.Status.PROCESSED.name(), aws.dynamoDb().scan(b -> b.tableName(setting("tripflow.files.claims-table")))
                .items().get(0).get("claim_status").s());
    }

    @Test
    void aFileThatFailedTooOftenIsGivenUpToFailedWithItsLastErrorAndRetryPutsItBack() throws Exception {
        context.start();
        String bucket = setting("tripflow.files.bucket");
        String content = "trip_id,dropoff_datetime,fare_amount\ng1,2024-05-25 10:00:00,5\n";
        String etag = aws.s3().putObject(b -> b.bucket(bucket).key("incoming/given-up.csv"), RequestBody.fromString(content)).eTag();
        // what tripflow.files.max-attempts (10) failed attempts leave: the claim's last error, its retry delay over
        aws.dynamoDb().putItem(b -> b.tableName(setting("tripflow.files.claims-table")).item(Map.of(
                FileClaims.FILE_ID, AttributeValue.fromS(bucket + "/incoming/given-up.csv#" + etag),
                "claim_status", AttributeValue.fromS("RUNNING"), "attempts", AttributeValue.fromN("10"),
                "last_error", AttributeValue.fromS("ResourceNotFoundException: Stream trip-end not found"),
                "lease_owner", AttributeValue.fromS("another"), "lease_until_epoch_ms", AttributeValue.fromN("0"))));
        var files = new DroppedFiles(context, aws, bucket);
        await().atMost(Duration.ofSeconds(30)).until(() -> files.keys().equals(List.of("failed/given-up.csv", "reports/given-up.csv.json")));
        var report = files.report("reports/given-up.csv.json");
        assertEquals("failed", report.get("outcome").asText());
        assertEquals("gave up after 10 attempts; the last failed with: ResourceNotFoundException: Stream trip-end not found",
                report.get("ended_because").asText());
        assertEquals(List.of(), files.events(setting("tripflow.streams.trip-end")), "nothing sent");

        // tripflow files retry failed/given-up.csv, once the stream is there
        var requeue = context.getRegistry().findSingleByType(FileRequeue.class);
        assertEquals("incoming/given-up.csv", requeue.requeue("failed/given-up.csv", FileRequeue.From.FAILED));
        await().atMost(Duration.ofSeconds(30)).until(() -> files.keys().equals(List.of("processed/given-up.csv", "reports/given-up.csv.json")));
        assertEquals("processed", files.report("reports/given-up.csv.json").get("outcome").asText());
        assertEquals(1, files.events(setting("tripflow.streams.trip-end")).size());

        // tripflow files reprocess processed/given-up.csv: the same bytes again, taken in as new
        assertEquals("incoming/given-up.csv", requeue.requeue("processed/given-up.csv", FileRequeue.From.ANY));
        await().atMost(Duration.ofSeconds(30)).until(() -> files.events(setting("tripflow.streams.trip-end")).size() == 2);
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> requeue.requeue("processed/given-up.csv", FileRequeue.From.FAILED)).getMessage().contains("is not under failed/"));
    }
}
