package io.tripflow.pipeline;

import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tripflow.files.FileClaims;
import io.tripflow.localstack.TestStack;
import io.tripflow.trip.TripJson;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Select;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two tripflow processes on one bucket: each file taken in once, and a killed one's file finished by the other. */
class FileIntakeReplicasIT {

    private static final int SMALL_FILES = 10;
    private static final int BIG_FILE_ROWS = 10_000;

    @Test
    void everyFileIsTakenInOnceAndAFileWhoseProcessIsKilledMidWayIsFinishedExactly() throws Exception {
        Map<String, String> settings = new HashMap<>(TestStack.freshResources("file-replicas", true));
        settings.put("tripflow.management.port", "0");
        settings.put("tripflow.files.claim-lease-seconds", "5");
        var aws = TestStack.clients();
        String bucket = settings.get("tripflow.files.bucket");
        TripflowProcess a = TripflowProcess.start("files-a", settings);
        TripflowProcess b = TripflowProcess.start("files-b", settings);
        try {
            for (int f = 0; f < SMALL_FILES; f++) {
                String key = "incoming/small-" + f + ".csv";
                aws.s3().putObject(put -> put.bucket(bucket).key(key), RequestBody.fromString(starts("s" + f + "-", 20)));
            }
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> aws.s3().listObjectsV2(l -> l.bucket(bucket).prefix("reports/small-")).keyCount() == SMALL_FILES);
            var claims = aws.dynamoDb().scan(s -> s.tableName(settings.get("tripflow.files.claims-table")).consistentRead(true)).items();
            assertEquals(SMALL_FILES, claims.size());
            for (var claim : claims) {
                assertEquals("PROCESSED", claim.get("claim_status").s(), claim.get(FileClaims.FILE_ID).s());
                assertEquals("1", claim.get("attempts").n(), "taken in once: " + claim.get(FileClaims.FILE_ID).s());
            }

            aws.s3().putObject(put -> put.bucket(bucket).key("incoming/big.csv"), RequestBody.fromString(starts("big-", BIG_FILE_ROWS)));
            // killed as soon as it has claimed the file and started sending its rows
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                    .until(() -> takingIn(a) || takingIn(b));
            TripflowProcess owner = takingIn(a) ? a : b;
            TripflowProcess other = owner == a ? b : a;
            owner.kill();
            assertEquals(0, aws.s3().listObjectsV2(l -> l.bucket(bucket).prefix("reports/big")).keyCount(), "killed mid-way through the file");

            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> aws.s3().listObjectsV2(l -> l.bucket(bucket).prefix("reports/big")).keyCount() == 1);
            JsonNode report = TripJson.strictReader().readTree(aws.s3().getObjectAsBytes(g -> g.bucket(bucket).key("reports/big.csv.json")).asByteArray());
            assertEquals(BIG_FILE_ROWS, report.get("rows_read").asInt());
            assertEquals(BIG_FILE_ROWS, report.get("events_sent").asInt());
            assertTrue(takingIn(other), "finished by the other process");
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2)).until(() -> stored(settings, "big-") == BIG_FILE_ROWS);
            var bigClaim = aws.dynamoDb().scan(s -> s.tableName(settings.get("tripflow.files.claims-table")).consistentRead(true)).items()
                    .stream().filter(c -> c.get(FileClaims.FILE_ID).s().contains("incoming/big.csv")).findFirst().orElseThrow();
            assertEquals("2", bigClaim.get("attempts").n(), "claimed by the killed process, then by the other");
            assertEquals(String.valueOf(BIG_FILE_ROWS), bigClaim.get("events_sent").n());
            assertEquals(List.of("processed/big.csv"), aws.s3().listObjectsV2(l -> l.bucket(bucket).prefix("processed/big")).contents()
                    .stream().map(o -> o.key()).toList());
        } finally {
            a.kill();
            b.kill();
        }
    }

    private static boolean takingIn(TripflowProcess process) throws Exception {
        return Files.readString(process.log).contains("Taking in incoming/big.csv");
    }

    /** Trips of the table whose id starts so: one item per trip, however often its event was sent. */
    private static long stored(Map<String, String> settings, String prefix) {
        return TestStack.clients().dynamoDb().scanPaginator(s -> s.tableName(settings.get("tripflow.trips.table")).consistentRead(true)
                        .select(Select.COUNT).filterExpression("begins_with(trip_id, :p)")
                        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(prefix))))
                .stream().mapToInt(page -> page.count()).sum();
    }

    /** A trip_start file of distinct trips. */
    private static String starts(String idPrefix, int rows) {
        StringBuilder file = new StringBuilder("trip_id,pickup_datetime,estimated_dropoff_datetime,estimated_fare_amount\n");
        for (int i = 0; i < rows; i++) {
            file.append(idPrefix).append(i).append(",2024-05-25 10:00:00,2024-05-25 10:30:00,").append(10 + i % 50).append(".25\n");
        }
        return file.toString();
    }
}
