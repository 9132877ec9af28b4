package io.tripflow.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.tripflow.kinesis.RetriesExhaustedException;
import io.tripflow.kinesis.RetryLimits;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeadLetterTest {

    private static final DeadLetter.FailureReason REASON =
            new DeadLetter.FailureReason("SCHEMA_VIOLATION", List.of("$.fare_amount: must be a number", "$.trip_id: is missing"));
    private static final DeadLetter.Origin ORIGIN = new DeadLetter.Origin("trip-end", "shardId-000000000001", "4968", "2024-05-25T14:05:01Z");
    private static final Instant NOW = Instant.parse("2024-05-25T14:05:02Z");

    @Test
    void keepsATextRecordAsItsBodyWithEveryReasonAndItsOrigin() {
        DeadLetter letter = DeadLetter.of("{\"fare_amount\":\"x\"}".getBytes(StandardCharsets.UTF_8), REASON, ORIGIN, NOW);
        assertEquals("{\"fare_amount\":\"x\"}", letter.body());
        assertEquals("$.fare_amount: must be a number; $.trip_id: is missing", letter.attributes().get(DeadLetter.REASON));
        assertEquals("SCHEMA_VIOLATION", letter.attributes().get(DeadLetter.ERROR_TYPE));
        assertEquals("trip-end", letter.attributes().get(DeadLetter.SOURCE_STREAM));
        assertEquals("shardId-000000000001", letter.attributes().get(DeadLetter.SHARD_ID));
        assertEquals("4968", letter.attributes().get(DeadLetter.SEQUENCE_NUMBER));
        assertEquals("2024-05-25T14:05:01Z", letter.attributes().get(DeadLetter.ARRIVAL_TIME));
        assertFalse(letter.attributes().containsKey(DeadLetter.BODY_ENCODING));
        assertTrue(letter.attributes().size() <= 10, "SQS allows ten message attributes");
    }

    @Test
    void base64EncodesWhatSqsCannotCarryAndRestoresItByteForByte() {
        byte[][] records = {{(byte) 0xC3, (byte) 0x28, '{', '}'}, "{\"trip_id\":\"a\u0001b\"}".getBytes(StandardCharsets.UTF_8), {}};
        for (byte[] record : records) {
            DeadLetter letter = DeadLetter.of(record, REASON, ORIGIN, NOW);
            assertEquals("base64", letter.attributes().get(DeadLetter.BODY_ENCODING));
            assertArrayEquals(record, DeadLetter.originalRecord(letter.body(), letter.attributes()));
        }
    }

    @Test
    void capsTheReasonSoTheMessageStaysWithinSqsLimits() {
        String huge = "x".repeat(DeadLetter.MAX_REASON_CHARS * 2);
        DeadLetter letter = DeadLetter.of(new byte[] {'1'}, new DeadLetter.FailureReason("T", List.of(huge)),
                new DeadLetter.Origin(null, null, null, null), NOW);
        assertTrue(letter.attributes().get(DeadLetter.REASON).length() < DeadLetter.MAX_REASON_CHARS + 20);
        assertFalse(letter.attributes().containsKey(DeadLetter.SOURCE_STREAM), "unknown origin parts are left out");
    }

    @Test
    void countsWhatSqsCountsAgainstItsSizeLimit() {
        DeadLetter letter = DeadLetter.of("{}".getBytes(StandardCharsets.UTF_8), new DeadLetter.FailureReason("T", List.of("r")),
                new DeadLetter.Origin(null, null, null, null), NOW);
        int attributes = 0;
        for (var attribute : letter.attributes().entrySet()) {
            attributes += attribute.getKey().length() + "String".length() + attribute.getValue().length();
        }
        assertEquals(2 + attributes, letter.messageSize());
    }

    @Test
    void aRecordKeptElsewhereLeavesItsLocationAsTheBodyAndTheReasonsUntouched() {
        DeadLetter letter = DeadLetter.of("x".repeat(300_000).getBytes(StandardCharsets.UTF_8), REASON, ORIGIN, NOW)
                .storedAt("s3://bucket/dead-letter-records/trip-end/shardId-000000000001/4968");
        assertEquals("s3://bucket/dead-letter-records/trip-end/shardId-000000000001/4968", letter.body());
        assertTrue(DeadLetter.storedElsewhere(letter.attributes()));
        assertEquals("SCHEMA_VIOLATION", letter.attributes().get(DeadLetter.ERROR_TYPE));
        assertTrue(letter.messageSize() < 1024);
    }

    @Test
    void aRecordGivenUpAfterRetriesCarriesItsAttemptCount() {
        var failure = FailureClassifier.classify(new RetriesExhaustedException(7, Duration.ofSeconds(90),
                new RetryLimits(7, Duration.ZERO), new IllegalStateException("table not found")));
        DeadLetter letter = DeadLetter.of("{}".getBytes(StandardCharsets.UTF_8), failure, ORIGIN, NOW);
        assertEquals("RETRIES_EXHAUSTED", letter.attributes().get(DeadLetter.ERROR_TYPE));
        assertEquals("7", letter.attributes().get(DeadLetter.ATTEMPTS));
        assertTrue(letter.attributes().get(DeadLetter.REASON).contains("after 7 attempts, 90 s after the record arrived"));
        assertTrue(letter.attributes().get(DeadLetter.REASON).contains("table not found"));
        assertTrue(letter.attributes().size() <= 10, "SQS allows ten message attributes");
    }
}
