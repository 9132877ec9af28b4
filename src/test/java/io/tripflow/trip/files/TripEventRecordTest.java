package io.tripflow.trip.files;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tripflow.replay.CsvTable;
import io.tripflow.trip.TimestampFormats;
import io.tripflow.trip.TripHalf;
import io.tripflow.trip.TripJson;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TripEventRecordTest {

    private static List<Map<String, String>> csv(String text) throws IOException {
        return CsvTable.read(new BufferedReader(new StringReader(text)), "test.csv");
    }

    private static JsonNode json(TripEventRecord record) throws IOException {
        return TripJson.strictReader().readTree(record.json());
    }

    @Test
    void idsThatLookLikeNumbersStayText() throws IOException {
        var rows = csv("trip_id,pickup_location_id,dropoff_location_id,vendor_id,pickup_datetime,estimated_dropoff_datetime,estimated_fare_amount\n"
                + "0487037833,93,93,1,2024-05-25 13:19:00,2024-05-25 14:03:00,34.18595283806629\n"
                + "2e37064969,7,193,2,2024-05-25 05:17:00,2024-05-25 05:37:00,47.09790128664532\n");
        assertEquals("0487037833", json(TripEventRecord.of(TripHalf.Side.START, rows.get(0))).get("trip_id").textValue());
        assertEquals("2e37064969", json(TripEventRecord.of(TripHalf.Side.START, rows.get(1))).get("trip_id").textValue());
    }

    @Test
    void numbersKeepTheirDigitsAndEmptyCellsBecomeNull() throws IOException {
        var rows = csv("dropoff_datetime,rate_code,passenger_count,trip_distance,fare_amount,tip_amount,payment_type,trip_type,trip_id\n"
                + "2024-05-25 14:05:00,,,0.1,40.09620692463166,0.0,,,c66ce556bc\n");
        JsonNode event = json(TripEventRecord.of(TripHalf.Side.END, rows.get(0)));
        assertEquals(new BigDecimal("40.09620692463166"), event.get("fare_amount").decimalValue());
        assertTrue(event.get("rate_code").isNull());
        assertEquals("trip_end", event.get("event_type").textValue());
    }

    @Test
    void aCellThatIsNotANumberIsSentAsTextForThePipelineToReject() throws IOException {
        var rows = csv("dropoff_datetime,fare_amount,trip_id\n2024-05-25 14:05:00,\"12,5\",x1\n");
        assertEquals("12,5", json(TripEventRecord.of(TripHalf.Side.END, rows.get(0))).get("fare_amount").textValue());
    }

    @Test
    void startsAndEndsInterleaveByEventTime() throws IOException {
        var starts = csv("trip_id,pickup_datetime\na,2024-05-25 10:00:00\nb,2024-05-25 10:30:00\n");
        var ends = csv("trip_id,dropoff_datetime\na,2024-05-25 10:20:00\nb,2024-05-25 11:00:00\n");
        List<String> order = TripEventRecord.interleave(starts, ends).stream().map(e -> e.side() + ":" + e.tripId()).toList();
        assertEquals(List.of("START:a", "END:a", "START:b", "END:b"), order);
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsIsAnErrorNamingItsLine() {
        var error = assertThrows(IOException.class, () -> csv("a,b\n1,2\n1,2,3\n"));
        assertTrue(error.getMessage().contains("line 3"), error.getMessage());
    }
    @Test
    void timestampsGoOutAsIsoUtcInTheConfiguredFormsAndAsTheyAreWhenNoFormReadsThem() throws IOException {
        var rows = csv("trip_id,dropoff_datetime,fare_amount\nd1,25-05-2024 14:05,10\nd2,2024-05-25 14:05:00,10\n");
        var dayFirst = new TimestampFormats(List.of("dd-MM-yyyy HH:mm"));
        TripEventRecord read = TripEventRecord.of(TripHalf.Side.END, rows.get(0), dayFirst);
        assertEquals("2024-05-25T14:05:00Z", json(read).get("dropoff_datetime").textValue());
        assertEquals(Instant.parse("2024-05-25T14:05:00Z"), read.eventTime());
        assertEquals("2024-05-25T14:05:00Z", json(TripEventRecord.of(TripHalf.Side.END, rows.get(1), dayFirst)).get("dropoff_datetime").textValue());
        TripEventRecord unread = TripEventRecord.of(TripHalf.Side.END, rows.get(0));
        assertEquals("25-05-2024 14:05", json(unread).get("dropoff_datetime").textValue(), "never guessed: left for the pipeline to reject");
        assertNull(unread.eventTime());
    }
}
