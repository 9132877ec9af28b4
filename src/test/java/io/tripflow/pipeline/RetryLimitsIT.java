package io.tripflow.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.tripflow.trip.TripHalf;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With retry limits set, a record that keeps failing transiently is dead-lettered with its attempt count. */
class RetryLimitsIT {

    private static final String START = "{\"trip_id\":\"r1\",\"pickup_datetime\":\"2024-07-01 10:00:00\","
            + "\"estimated_dropoff_datetime\":\"2024-07-01 10:35:00\",\"estimated_fare_amount\":20}";

    @Test
    void aRecordStillFailingAfterMaxAttemptsIsDeadLetteredWithTheLastFailure() throws Exception {
        // A table that does not exist: every store attempt fails the way an outage does.
        try (RunningTripflow tripflow = new RunningTripflow("retry-limits", Map.of(
                "tripflow.kcl.max-attempts", "3",
                "tripflow.trips.table", "tripflow-no-such-table"))) {
            tripflow.putRaw(tripflow.stream(TripHalf.Side.START), "r1", START);

            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> !tripflow.deadLetters().isEmpty());
            List<Message> letters = tripflow.deadLetters();
            assertEquals(1, letters.size());
            Message letter = letters.get(0);
            assertEquals(START, new String(tripflow.originalRecord(letter), StandardCharsets.UTF_8));
            assertEquals("RETRIES_EXHAUSTED", letter.messageAttributes().get("error_type").stringValue());
            assertEquals("3", letter.messageAttributes().get("attempts").stringValue());
            String reason = letter.messageAttributes().get("reason").stringValue();
            assertTrue(reason.contains("ResourceNotFoundException"), reason);
            assertEquals(tripflow.stream(TripHalf.Side.START), letter.messageAttributes().get("source_stream").stringValue());
        }
    }
}
