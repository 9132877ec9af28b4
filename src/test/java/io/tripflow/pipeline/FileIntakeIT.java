package io.tripflow.pipeline;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tripflow.trip.TripJson;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The real data set dropped as files into the bucket, through the whole running pipeline. */
class FileIntakeIT {

    @Test
    void droppingTheRealDataSetsFilesGivesTheKpisOfTheReplayPath() throws Exception {
        int trips = NspDataSet.tripsUnderTest();
        Map<LocalDate, NspDataSet.DayFigures> reference = NspDataSet.reference(trips);
        long completed = reference.values().stream().mapToLong(NspDataSet.DayFigures::count).sum();
        List<String> files = NspDataSet.firstTripsAsFiles(trips);
        try (RunningTripflow tripflow = new RunningTripflow("file-intake", Map.of())) {
            String bucket = tripflow.settings.get("tripflow.files.bucket");
            var s3 = tripflow.aws.s3();
            s3.putObject(b -> b.bucket(bucket).key("incoming/nsp/trip_start.csv"), RequestBody.fromString(files.get(0)));
            s3.putObject(b -> b.bucket(bucket).key("incoming/nsp/trip_end.csv"), RequestBody.fromString(files.get(1)));
            tripflow.awaitCompletedTrips(completed, Duration.ofMinutes(6), reference.keySet().toArray(LocalDate[]::new));

            NspDataSet.assertKpisEqual(reference, tripflow);
            await().atMost(Duration.ofMinutes(1)).until(() -> s3.listObjectsV2(b -> b.bucket(bucket).prefix("reports/")).keyCount() == 2);
            for (String half : List.of("start", "end")) {
                JsonNode report = TripJson.strictReader().readTree(
                        s3.getObjectAsBytes(b -> b.bucket(bucket).key("reports/nsp/trip_" + half + ".csv.json")).asByteArray());
                assertEquals("trip-" + half, report.get("kind").asText());
                assertEquals(trips, report.get("events_sent").asInt(), half);
                assertEquals(0, report.get("rows_rejected").asInt(), half);
            }
        }
    }
}
