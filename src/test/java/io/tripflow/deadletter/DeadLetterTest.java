package io.tripflow.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

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
}
