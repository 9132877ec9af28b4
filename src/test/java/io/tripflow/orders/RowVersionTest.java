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
    void amongRowsOfEqualEventTimesTheLaterUploadIsNewerAndTheSameRowIsEqual() throws Exception {
        var row = JSON.readTree("{\"order_id\":\"1\",\"status\":\"shipped\",\"created_at\":\"2025-03-29T10:00:00\"}");
        var corrected = JSON.readTree("{\"order_id\":\"1\",\"status\":\"Shipped\",\"created_at\":\"2025-03-29T10:00:00\"}");
        assertEquals(RowVersion.of(EARLY, row), RowVersion.of(EARLY, JSON.readTree(row.toString())));
        assertTrue(RowVersion.of(EARLY, corrected).compareTo(RowVersion.of(LATE, row)) < 0, "the upload time before the digest");
        assertNotEquals(RowVersion.of(EARLY, row), RowVersion.of(EARLY, corrected));
        assertTrue(RowVersion.of(Instant.ofEpochMilli(999), row).compareTo(RowVersion.of(Instant.ofEpochMilli(1000), row)) < 0,
                "fixed width: 999 ms sorts before 1000 ms");
        assertEquals(RowVersion.contentOf(RowVersion.of(EARLY, row)), RowVersion.contentOf(RowVersion.of(LATE, row)), "the same row in a later file");
        assertNotEquals(RowVersion.contentOf(RowVersion.of(EARLY, row)), RowVersion.contentOf(RowVersion.of(EARLY, corrected)));
    }

    @Test
    void theRowsOwnLatestEventTimeComesBeforeWhenItsFileWasUploaded() throws Exception {
        var shipped = JSON.readTree("{\"order_id\":\"1\",\"status\":\"shipped\",\"created_at\":\"2025-03-01T10:00:00\","
                + "\"shipped_at\":\"2025-03-02T10:00:00\"}");
        var returned = JSON.readTree("{\"order_id\":\"1\",\"status\":\"returned\",\"created_at\":\"2025-03-01T10:00:00\","
                + "\"shipped_at\":\"2025-03-02T10:00:00\",\"returned_at\":\"2025-03-09T10:00:00+02:00\"}");
        assertTrue(RowVersion.of(LATE.plusSeconds(86_400 * 30), shipped).compareTo(RowVersion.of(EARLY, returned)) < 0,
                "last month's export dropped again does not revert the order's return");
        var product = JSON.readTree("{\"id\":\"7\",\"brand\":\"B\"}");
        assertTrue(RowVersion.of(EARLY, product).compareTo(RowVersion.of(LATE, product)) < 0, "a row without event times: the upload decides");
        assertEquals(RowVersion.latestEventTime(JSON.readTree("{\"returned_at\":\"0001-01-01T00:00:00\"}")), 0);
        assertEquals(1 + 15 + 1 + 15 + 1 + 16, RowVersion.of(EARLY, JSON.readTree("{\"a_at\":\"9999-12-31T23:59:59.999\"}")).length(), "year 9999 fits");
        assertTrue(RowVersion.of(EARLY, product).compareTo("001743325200000#0123456789abcdef") > 0, "above a version stored before event times");
    }
}
