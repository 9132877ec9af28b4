package io.tripflow.trip.files;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.tripflow.dynamodb.NumberBounds;
import io.tripflow.intake.FileReport;
import io.tripflow.trip.TimestampFormats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped alias table (schemas/trip-column-aliases.csv) reads the public NYC TLC files' headers. */
class ColumnAliasesTest {

    private static final ColumnAliases SHIPPED = ColumnAliases.load(Path.of("schemas").resolve(ColumnAliases.FILE));
    private static final String YELLOW = "VendorID,tpep_pickup_datetime,tpep_dropoff_datetime,passenger_count,trip_distance,RatecodeID,"
            + "store_and_fwd_flag,PULocationID,DOLocationID,payment_type,fare_amount,extra,mta_tax,tip_amount,tolls_amount,"
            + "improvement_surcharge,total_amount,congestion_surcharge,Airport_fee";
    private static final String GREEN = "VendorID,lpep_pickup_datetime,lpep_dropoff_datetime,store_and_fwd_flag,RatecodeID,PULocationID,"
            + "DOLocationID,passenger_count,trip_distance,fare_amount,extra,mta_tax,tip_amount,tolls_amount,ehail_fee,"
            + "improvement_surcharge,total_amount,payment_type,trip_type,congestion_surcharge";

    @Test
    void yellowAndGreenTaxiHeadersAreWholeTripsWithTheirChargesListedAsIgnored() {
        var yellow = FileKind.detect(SHIPPED.columns(List.of(YELLOW.split(",")))).orElseThrow();
        assertEquals(FileKind.WHOLE_TRIP, yellow.kind());
        assertEquals(List.of("store_and_fwd_flag", "extra", "mta_tax", "tolls_amount", "improvement_surcharge", "congestion_surcharge",
                "Airport_fee"), yellow.ignoredColumns());
        var green = FileKind.detect(SHIPPED.columns(List.of(GREEN.split(",")))).orElseThrow();
        assertEquals(FileKind.WHOLE_TRIP, green.kind());
        assertTrue(!green.ignoredColumns().contains("trip_type") && green.ignoredColumns().contains("ehail_fee"), green.ignoredColumns().toString());
    }

    @Test
    void namesAreMatchedTrimmedWhateverTheirCaseAndOthersStayAsWritten() {
        assertEquals(List.of("trip_id", "dropoff_datetime", "fare_amount", "Driver Name"),
                ColumnAliases.NONE.columns(List.of(" Trip_ID", "DROPOFF_DATETIME ", "Fare_Amount", " Driver Name ")));
    }

    @Test
    void aTlcRowBecomesBothHalvesOfOneTrip() {
        String file = YELLOW + "\n2,2024-01-01 00:57:55,2024-01-01 01:17:43,1,1.72,1,N,186,79,2,17.7,1,0.5,0,0,1,22.7,2.5,0\n";
        FileReport report = new FileReport("b", "incoming/yellow.csv", "e", "test", 10, Instant.EPOCH);
        List<TripEventRecord> events = new ArrayList<>();
        new TripFileReader(TimestampFormats.BUILT_IN, NumberBounds.DEFAULT, SHIPPED)
                .batches(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), report).forEachRemaining(events::addAll);
        assertEquals(0, report.rowsRejected(), report.toJson().toString());
        assertEquals(2, events.size());
        assertEquals("whole-trip", report.toJson().get("kind"));
        assertTrue(events.get(1).json().contains("\"dropoff_datetime\":\"2024-01-01T01:17:43Z\""), events.get(1).json());
        assertTrue(events.get(0).json().contains("\"pickup_location_id\":186"), events.get(0).json());
    }

    @Test
    void anAliasOfNoColumnOrGivenTwiceFailsNamingItsLine(@TempDir Path dir) throws IOException {
        Path unknown = Files.writeString(dir.resolve("a.csv"), "alias,column\nPULocationID,pickup_location_id\nfoo,pickup_zone\n");
        var error = assertThrows(IllegalArgumentException.class, () -> ColumnAliases.load(unknown));
        assertTrue(error.getMessage().contains("a.csv line 3: 'pickup_zone' is no column of tripflow's"), error.getMessage());
        Path twice = Files.writeString(dir.resolve("b.csv"), "alias,column\nVendorID,vendor_id\nvendorid,vendor_id\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ColumnAliases.load(twice)).getMessage()
                .contains("b.csv line 3: the alias 'vendorid' is given twice"));
        assertEquals(List.of("VendorID"), ColumnAliases.load(dir.resolve("none.csv")).columns(List.of("VendorID")));
    }
}
