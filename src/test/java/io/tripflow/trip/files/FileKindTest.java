package io.tripflow.trip.files;

import java.util.List;

import io.tripflow.trip.TripHalf;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileKindTest {

    @Test
    void theHeaderTellsTheKindInAnyColumnOrderAndExtraColumnsAreListed() {
        var end = FileKind.detect(List.of("trip_id", "fare_amount", "driver", "dropoff_datetime")).orElseThrow();
        assertEquals(FileKind.TRIP_END, end.kind());
        assertEquals(List.of("driver"), end.ignoredColumns());
        var start = FileKind.detect(List.of("trip_id", "pickup_location_id", "dropoff_location_id", "vendor_id", "pickup_datetime",
                "estimated_dropoff_datetime", "estimated_fare_amount")).orElseThrow();
        assertEquals(FileKind.TRIP_START, start.kind());
        assertEquals(List.of(), start.ignoredColumns());
    }

    @Test
    void aHeaderOfNoKindOrWithAColumnTwiceIsNoneAndSaysWhy() {
        assertTrue(FileKind.detect(List.of("order_id", "status")).isEmpty());
        assertTrue(FileKind.whyUnknown(List.of("order_id", "status")).startsWith("the header is of no known kind (trip-start lacks trip_id"));
        assertTrue(FileKind.detect(List.of("trip_id", "fare_amount", "dropoff_datetime", "fare_amount")).isEmpty());
        assertEquals("the header names column 'fare_amount' twice",
                FileKind.whyUnknown(List.of("trip_id", "fare_amount", "dropoff_datetime", "fare_amount")));
    }
    @Test
    void aTaxiStyleHeaderIsAWholeTripEvenWithATripIdAndHalvesShareItsColumns() {
        var taxi = FileKind.detect(List.of("vendor_id", "pickup_datetime", "dropoff_datetime", "passenger_count", "trip_distance",
                "rate_code", "store_and_fwd_flag", "payment_type", "fare_amount", "tip_amount", "total_amount", "pickup_location_id",
                "dropoff_location_id")).orElseThrow();
        assertEquals(FileKind.WHOLE_TRIP, taxi.kind());
        assertEquals(List.of("store_and_fwd_flag"), taxi.ignoredColumns());
        assertEquals(FileKind.WHOLE_TRIP, FileKind.detect(List.of("trip_id", "pickup_datetime", "dropoff_datetime", "fare_amount"))
                .orElseThrow().kind(), "a file with both times and the fare is whole trips, not ends");
        assertTrue(FileKind.WHOLE_TRIP.carries(TripHalf.Side.START, "vendor_id"));
        assertFalse(FileKind.WHOLE_TRIP.carries(TripHalf.Side.END, "vendor_id"));
        assertTrue(FileKind.WHOLE_TRIP.carries(TripHalf.Side.END, "total_amount"));
        assertTrue(FileKind.WHOLE_TRIP.carries(TripHalf.Side.START, "trip_id") && FileKind.WHOLE_TRIP.carries(TripHalf.Side.END, "trip_id"));
        assertFalse(FileKind.TRIP_END.carries(TripHalf.Side.START, "trip_id"));
    }
}
