package io.tripflow.orders;

import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RowVersionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant EARLY = Instant.parse("2025-03-30T09:00:00Z");
    private static final Instant LATE = Instant.parse("2025-03-30T09:00:01Z");

    @Test
    void aRowOfALaterFileIsNewerAndTheSameRowIsEqual() throws Exception {
        var row = JSON.readTree("{\"order_id\":\"1\",\"status\":\"shipped\"}");
        var corrected = JSON.readTree("{\"order_id\":\"1\",\"status\":\"delivered\"}");
        assertEquals(RowVersion.of(EARLY, row), RowVersion.of(EARLY, JSON.readTree("{\"order_id\":\"1\",\"status\":\"shipped\"}")));
        assertTrue(RowVersion.of(EARLY, corrected).compareTo(RowVersion.of(LATE, row)) < 0, "the file's time comes first");
        assertNotEquals(RowVersion.of(EARLY, row), RowVersion.of(EARLY, corrected));
        assertTrue(RowVersion.of(Instant.ofEpochMilli(999), row).compareTo(RowVersion.of(Instant.ofEpochMilli(1000), row)) < 0,
                "fixed width: 999 ms before 1000 ms as strings too");
        assertEquals(RowVersion.contentOf(RowVersion.of(EARLY, row)), RowVersion.contentOf(RowVersion.of(LATE, row)), "the same row in a later file");
        assertNotEquals(RowVersion.contentOf(RowVersion.of(EARLY, row)), RowVersion.contentOf(RowVersion.of(EARLY, corrected)));
    }
}
