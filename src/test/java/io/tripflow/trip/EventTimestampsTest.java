package io.tripflow.trip;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventTimestampsTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "2024-05-25 14:05:00, 2024-05-25T14:05:00Z",
            "2024-05-25T14:05:00, 2024-05-25T14:05:00Z",
            "2024-05-25T14:05:00Z, 2024-05-25T14:05:00Z",
            "2024-05-25T16:05:00+02:00, 2024-05-25T14:05:00Z",
            "2024-05-25T14:05, 2024-05-25T14:05:00Z",
            "2024-05-25T14:05:00.123456789Z, 2024-05-25T14:05:00.123456789Z"})
    void acceptsTheDataSetFormatAndIsoWithOrWithoutOffsetAsUtc(String text, String expected) {
        assertEquals(Instant.parse(expected), EventTimestamps.parse(text).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-30 10:00:00", "2024-05-25 25:61:00", "2023-02-29T00:00:00", "2024-13-01 00:00:00",
            "25/05/2024 14:05", "", "2024-05-25", "yesterday"})
    void rejectsImpossibleOrUnknownTimestampsInsteadOfRollingThemOver(String text) {
        assertTrue(EventTimestamps.parse(text).isEmpty());
    }

    @ParameterizedTest
    @CsvSource({"2024-05-25T09:00:00Z, 2024-05-25T10:00:00Z", "2024-05-25T10:00:00Z, 2024-05-25T10:00:00.000000001Z",
            "2009-12-31T23:59:59Z, 2024-01-01T00:00:00Z"})
    void sortableFormOrdersAsStringsTheWayInstantsOrder(String earlier, String later) {
        assertTrue(EventTimestamps.sortable(Instant.parse(earlier)).compareTo(EventTimestamps.sortable(Instant.parse(later))) < 0);
    }
}
