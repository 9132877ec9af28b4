package io.tripflow.trip.files;

import java.time.Instant;
import java.util.List;

import io.tripflow.dynamodb.NumberBounds;
import io.tripflow.trip.TimestampFormats;
import io.tripflow.trip.TripHalf;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TripRowReaderTest {

    private static final List<String> END_HEADER = List.of("dropoff_datetime", "rate_code", "passenger_count", "trip_distance",
            "fare_amount", "tip_amount", "payment_type", "trip_type", "trip_id", "note");

    private final TripRowReader ends = new TripRowReader(FileKind.TRIP_END, END_HEADER, new TimestampFormats(List.of()), NumberBounds.DEFAULT, null);

    @Test
    void numbersAreExactTimestampsIsoUtcIdsTextAndUnknownColumnsLeftOut() {
        var outcome = ends.read(List.of("2024-05-25 14:05:00", "5.0", "", "0E-9", "40.09620692463166", "+1.50", "3.0", "2.0", "0487037833", "hi"));
        assertFalse(outcome.rejected());
        assertEquals("{\"event_type\":\"trip_end\",\"dropoff_datetime\":\"2024-05-25T14:05:00Z\",\"rate_code\":5.0,"
                + "\"passenger_count\":null,\"trip_distance\":0.000000000,\"fare_amount\":40.09620692463166,\"tip_amount\":1.50,"
                + "\"payment_type\":3.0,\"trip_type\":2.0,\"trip_id\":\"0487037833\"}", outcome.events().get(0).json());
        assertEquals("0487037833", outcome.events().get(0).tripId());
        assertEquals(Instant.parse("2024-05-25T14:05:00Z"), outcome.events().get(0).eventTime());
    }

    @Test
    void aRowThatCannotBeReadIsRejectedSayingWhy() {
        var shortRow = ends.read(List.of("2024-05-25 14:05:00", "5.0"));
        assertEquals("2 fields, the header has 10", shortRow.rejection());
        var bad = ends.read(List.of("25-05-2024 14:05", "5.0", "", "1", "abc", "0", "", "", "t1", ""));
        assertTrue(bad.rejected());
        assertEquals("dropoff_datetime '25-05-2024 14:05' is a timestamp in no configured form; fare_amount 'abc' is not a number",
                bad.rejection());
        assertEquals(List.of(), bad.events());
    }

    @Test
    void aConfiguredPatternReadsWhatTheBuiltInFormsDoNot() {
        var dayFirst = new TripRowReader(FileKind.TRIP_END, END_HEADER, new TimestampFormats(List.of("dd-MM-yyyy HH:mm")), NumberBounds.DEFAULT, null);
        var outcome = dayFirst.read(List.of("25-05-2024 14:05", "", "", "", "12", "", "", "", "t1", ""));
        assertFalse(outcome.rejected(), outcome.rejection());
        assertEquals(Instant.parse("2024-05-25T14:05:00Z"), outcome.events().get(0).eventTime());
        assertTrue(dayFirst.read(List.of("30-02-2024 14:05", "", "", "", "12", "", "", "", "t1", "")).rejected(),
                "strict: 30 February is no date, it does not roll over into March");
    }
    private static final List<String> WHOLE_HEADER = List.of("vendor_id", "pickup_datetime", "dropoff_datetime", "passenger_count",
            "trip_distance", "rate_code", "payment_type", "fare_amount", "tip_amount", "total_amount", "pickup_location_id",
            "dropoff_location_id", "congestion_surcharge");

    private final TripRowReader wholeTrips = new TripRowReader(FileKind.WHOLE_TRIP, WHOLE_HEADER, new TimestampFormats(List.of()), NumberBounds.DEFAULT, null);

    @Test
    void aWholeTripRowIsAStartWithoutEstimatesAndAnEndWithItsTotalUnderOneDerivedId() {
        var outcome = wholeTrips.read(List.of("2", "2024-05-25 08:00:00", "2024-05-25 08:25:30", "1", "3.20", "1", "1", "18.5",
                "4.00", "25.80", "161", "236", "2.5"));
        assertFalse(outcome.rejected(), outcome.rejection());
        assertEquals(2, outcome.events().size());
        var start = outcome.events().get(0);
        var end = outcome.events().get(1);
        String id = start.tripId();
        assertTrue(id.matches("wt-[0-9a-f]{32}"), id);
        assertEquals(id, end.tripId());
        assertEquals("{\"event_type\":\"trip_start\",\"source\":\"whole_trip\",\"vendor_id\":2,\"pickup_datetime\":\"2024-05-25T08:00:00Z\","
                + "\"pickup_location_id\":161,\"dropoff_location_id\":236,\"trip_id\":\"" + id + "\"}", start.json());
        assertEquals("{\"event_type\":\"trip_end\",\"dropoff_datetime\":\"2024-05-25T08:25:30Z\",\"passenger_count\":1,"
                + "\"trip_distance\":3.20,\"rate_code\":1,\"payment_type\":1,\"fare_amount\":18.5,\"tip_amount\":4.00,"
                + "\"total_amount\":25.80,\"trip_id\":\"" + id + "\"}", end.json());
        assertEquals(Instant.parse("2024-05-25T08:00:00Z"), start.eventTime());
        assertEquals(Instant.parse("2024-05-25T08:25:30Z"), end.eventTime());
    }

    @Test
    void theDerivedIdIsTheRidesNotTheRowsFormatNorItsCharges() {
        String id = wholeTrips.read(List.of("2", "2024-05-25 08:00:00", "2024-05-25 08:25:30", "1", "3.20", "1", "1", "18.5",
                "4.00", "25.80", "161", "236", "")).events().get(0).tripId();
        var reordered = new TripRowReader(FileKind.WHOLE_TRIP, List.of("dropoff_datetime", "pickup_datetime", "vendor_id", "trip_distance",
                "fare_amount", "passenger_count", "pickup_location_id", "dropoff_location_id"), new TimestampFormats(List.of()), NumberBounds.DEFAULT, null);
        var sameRideOtherFare = reordered.read(List.of("2024-05-25T08:25:30Z", "2024-05-25T08:00:00", "2.0", "3.2", "99", "+1", "161", "236"));
        assertEquals(id, sameRideOtherFare.events().get(0).tripId());
        var otherRide = reordered.read(List.of("2024-05-25T08:25:31Z", "2024-05-25T08:00:00", "2", "3.2", "18.5", "1", "161", "236"));
        assertNotEquals(id, otherRide.events().get(0).tripId());
    }

    @Test
    void aWholeTripFileWithATripIdColumnKeepsItsIds() {
        var withIds = new TripRowReader(FileKind.WHOLE_TRIP, List.of("trip_id", "pickup_datetime", "dropoff_datetime", "fare_amount"),
                new TimestampFormats(List.of()), NumberBounds.DEFAULT, null);
        var outcome = withIds.read(List.of("0487037833", "2024-05-25 08:00:00", "2024-05-25 08:25:30", "18.5"));
        assertEquals(List.of("0487037833", "0487037833"), outcome.events().stream().map(e -> e.tripId()).toList());
    }

    @Test
    void aTripIdLongerThanTheSchemasAllowIsRejectedWithAShortQuote() {
        var reader = new TripRowReader(FileKind.TRIP_END, END_HEADER, TimestampFormats.BUILT_IN, NumberBounds.DEFAULT, null);
        List<String> row = new java.util.ArrayList<>(java.util.Collections.nCopies(END_HEADER.size(), ""));
        row.set(END_HEADER.indexOf("trip_id"), "x".repeat(100_000));
        var outcome = reader.read(row);
        assertTrue(outcome.rejected());
        assertTrue(outcome.rejection().startsWith("trip_id 'xxxx") && outcome.rejection().contains("has 100000 characters, more than a trip id may have (128)")
                && outcome.rejection().length() < 200, outcome.rejection());
    }

    @Test
    void theTripSchemasAllowTheTripIdsTheFilesMayCarry() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String half : List.of("start", "end")) {
            var schema = json.readTree(java.nio.file.Path.of("schemas", "trip-" + half + ".schema.json").toFile());
            assertEquals(TripHalf.MAX_TRIP_ID_CHARS, schema.at("/$defs/tripId/maxLength").asInt(), half);
        }
    }
}
