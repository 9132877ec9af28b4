package io.tripflow.files;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
