package io.tripflow.trip;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TripTableTest {

    @Test
    void bucketsAreStableAndCoverTheRange() {
        assertEquals(TripTable.bucketOf("c66ce556bc", 16), TripTable.bucketOf("c66ce556bc", 16));
        boolean[] seen = new boolean[16];
        for (int i = 0; i < 2_000; i++) {
            int bucket = TripTable.bucketOf(Integer.toHexString(i * 7919), 16);
            assertTrue(bucket >= 0 && bucket < 16);
            seen[bucket] = true;
        }
        for (boolean b : seen) {
            assertTrue(b, "every bucket gets trips");
        }
    }

    @Test
    void dateBucketKeysSortByDateThenBucket() {
        assertEquals("2024-05-25#007", TripTable.dateBucketKey(LocalDate.of(2024, 5, 25), 7));
    }
}
