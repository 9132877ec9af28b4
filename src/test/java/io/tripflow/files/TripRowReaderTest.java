package io.tripflow.files;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TripRowReaderTest {

    private static final List<String> END_HEADER = List.of("dropoff_datetime", "rate_code", "passenger_count", "trip_distance",
            "fare_amount", "tip_amount", "payment_type", "trip_type", "trip_id", "note");

    private final TripRowReader ends = new TripRowReader(FileKind.TRIP_END, END_HEADER, new TimestampFormats(List.of()));

    @Test
    void numbersAreExactTimestampsIsoUtcIdsTextAndUnknownColumnsLeftOut() {
        var outcome = ends.read(List.of("2024-05-25 14:05:00", "5.0", "", "0E-9", "40.09620692463166", "+1.50", "3.0", "2.0", "0487037833", "hi"));
        assertFalse(outcome.rejected());
        assertEquals("{\"event_type\":\"trip_end\",\"dropoff_datetime\":\"2024-05-25T14:05:00Z\",\"rate_code\":5.0,"
                + "\"passenger_count\":null,\"trip_distance\":0.000000000,\"fare_amount\":40.09620692463166,\"tip_amount\":1.50,"
                + "\"payment_type\":3.0,\"trip_type\":2.0,\"trip_id\":\"0487037833\"}", outcome.event().json());
        assertEquals("0487037833", outcome.event().tripId());
        assertEquals(Instant.parse("2024-05-25T14:05:00Z"), outcome.event().eventTime());
    }

    @Test
    void aRowThatCannotBeReadIsRejectedSayingWhy() {
        var shortRow = ends.read(List.of("2024-05-25 14:05:00", "5.0"));
        assertEquals("2 fields, the header has 10", shortRow.rejection());
        var bad = ends.read(List.of("25-05-2024 14:05", "5.0", "", "1", "abc", "0", "", "", "t1", ""));
        assertTrue(bad.rejected());
        assertEquals("dropoff_datetime '25-05-2024 14:05' is a timestamp in no configured form; fare_amount 'abc' is not a number",
                bad.rejection());
        assertNull(bad.event());
    }

    @Test
    void aConfiguredPatternReadsWhatTheBuiltInFormsDoNot() {
        var dayFirst = new TripRowReader(FileKind.TRIP_END, END_HEADER, new TimestampFormats(List.of("dd-MM-yyyy HH:mm")));
        var outcome = dayFirst.read(List.of("25-05-2024 14:05", "", "", "", "12", "", "", "", "t1", ""));
        assertFalse(outcome.rejected(), outcome.rejection());
        assertEquals(Instant.parse("2024-05-25T14:05:00Z"), outcome.event().eventTime());
        assertTrue(dayFirst.read(List.of("30-02-2024 14:05", "", "", "", "12", "", "", "", "t1", "")).rejected(),
                "strict: 30 February is no date, it does not roll over into March");
    }
}
