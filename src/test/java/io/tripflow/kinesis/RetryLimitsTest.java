package io.tripflow.kinesis;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryLimitsTest {

    private static final Instant ARRIVAL = Instant.parse("2024-05-25T10:00:00Z");

    @Test
    void withoutLimitsARecordIsNeverGivenUp() {
        assertTrue(RetryLimits.UNLIMITED.unlimited());
        assertFalse(RetryLimits.UNLIMITED.exhausted(1_000_000, ARRIVAL, ARRIVAL.plus(Duration.ofDays(365))));
    }

    @Test
    void maxAttemptsCountsEveryAttemptIncludingTheFirst() {
        RetryLimits limits = new RetryLimits(3, Duration.ZERO);
        assertFalse(limits.exhausted(2, ARRIVAL, ARRIVAL.plus(Duration.ofDays(365))));
        assertTrue(limits.exhausted(3, ARRIVAL, ARRIVAL));
    }

    @Test
    void maxRecordAgeIsMeasuredFromTheRecordsArrivalInTheStream() {
        RetryLimits limits = new RetryLimits(0, Duration.ofSeconds(60));
        assertFalse(limits.exhausted(500, ARRIVAL, ARRIVAL.plusSeconds(59)));
        assertTrue(limits.exhausted(1, ARRIVAL, ARRIVAL.plusSeconds(60)));
    }

    @Test
    void eitherLimitIsEnough() {
        RetryLimits limits = new RetryLimits(5, Duration.ofSeconds(60));
        assertTrue(limits.exhausted(5, ARRIVAL, ARRIVAL.plusSeconds(1)));
        assertTrue(limits.exhausted(1, ARRIVAL, ARRIVAL.plusSeconds(61)));
        assertEquals("at most 5 attempts, records younger than 60 s", limits.toString());
    }
}
