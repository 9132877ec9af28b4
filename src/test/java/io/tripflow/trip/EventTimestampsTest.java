package io.tripflow.trip;

import java.time.Instant;
import java.util.Random;

import org.junit.jupiter.api.Test;
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

    /** The digit-by-digit paths must agree with java.time on every input, valid or not. */
    @Test
    void theFastPathsAgreeWithTheFormattersOnRandomAndEdgeInputs() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(0, 253_402_300_799L), random.nextInt(3) == 0 ? random.nextInt(1_000_000_000) : 0);
            assertEquals(EventTimestamps.sortableWithFormatter(instant), EventTimestamps.sortable(instant));
            String text = String.format("%04d-%02d-%02d%s%02d:%02d:%02d%s", random.nextInt(10_000), random.nextInt(14), random.nextInt(33),
                    random.nextBoolean() ? " " : "T", random.nextInt(26), random.nextInt(62), random.nextInt(62), random.nextBoolean() ? "Z" : "");
            assertEquals(EventTimestamps.parseWithFormatter(text), EventTimestamps.parse(text), text);
        }
        assertEquals(Instant.parse("2024-05-25T14:05:00Z"), EventTimestamps.parseCommonForm("2024-05-25 14:05:00"), "the data's form takes the fast path");
        assertEquals(Instant.parse("2024-05-25T14:05:00Z"), EventTimestamps.parseCommonForm("2024-05-25T14:05:00Z"), "and so does Instant's");
        for (String edge : new String[] {"2024-02-29 23:59:59", "2100-02-29 00:00:00", "2000-02-29T00:00:00Z", "1970-01-01 00:00:00",
                "2024-05-25 24:00:00", "2024-05-25T14:05:00z", "2024-05-25x14:05:00", "+024-05-25 14:05:00", "2024-05-25 14:05:0a"}) {
            assertEquals(EventTimestamps.parseWithFormatter(edge), EventTimestamps.parse(edge), edge);
        }
    }
}
