package io.tripflow.trip.files;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tripflow.dynamodb.NumberBounds;
import io.tripflow.csv.CsvRecords;
import io.tripflow.intake.FileReport;
import io.tripflow.intake.FileVersionGoneException;
import io.tripflow.trip.TimestampFormats;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TripFileReaderTest {

    private final TripFileReader reader = new TripFileReader(new TimestampFormats(List.of()), NumberBounds.DEFAULT);

    private FileReport report() {
        return new FileReport("b", "incoming/f.csv", "etag", "me", 2, Instant.EPOCH);
    }

    private List<List<TripEventRecord>> batches(byte[] file, FileReport report) {
        List<List<TripEventRecord>> batches = new ArrayList<>();
        reader.batches(new ByteArrayInputStream(file), report).forEachRemaining(batches::add);
        return batches;
    }

    @Test
    @SuppressWarnings("unchecked")
    void theQualitySummaryCountsTheRowsEachRuleCaughtWithTheirShareAndSamples() {
        String file = "trip_id,dropoff_datetime,fare_amount\n"
                + "ok,2024-05-25 10:00:00,1\n"
                + "b1,yesterday,1\n"
                + "b2,2024-05-25 10:00:00,n/a\n"
                + "b3,tomorrow,lots\n"
                + "b4,2024-05-25 10:00:00\n"
                + "b5,soon,2\n"
                + "b6,later,3\n"
                + "b7,never,4\n";
        FileReport report = report();
        batches(file.getBytes(StandardCharsets.UTF_8), report);
        var quality = (Map<String, Object>) report.toJson().get("quality");
        assertEquals(new BigDecimal("0.1250"), quality.get("score"), "1 of 8 rows passed");
        var rules = (List<Map<String, Object>>) quality.get("rules");
        assertEquals(List.of("timestamp", "number", "field_count"), rules.stream().map(r -> r.get("rule")).toList(), "most rows first");
        assertEquals(5L, rules.get(0).get("rows"));
        assertEquals(new BigDecimal("0.6250"), rules.get(0).get("share"));
        assertEquals(List.of(3, 5, 7), ((List<Map<String, Object>>) rules.get(0).get("samples")).stream().map(r -> r.get("line")).toList(),
                "the first three rows as samples");
        assertEquals(2L, rules.get(1).get("rows"), "a row that breaks two rules counts for each");
        assertEquals("rejected", rules.get(2).get("outcome"));
        assertEquals(new BigDecimal("0.1250"), rules.get(2).get("share"));
    }

    @Test
    void aFileIsSentInBatchesOf500WithEveryBadRowCountedAndTheFirstOnesListed() {
        StringBuilder file = new StringBuilder("trip_id,dropoff_datetime,fare_amount\n");
        for (int i = 0; i < 1_203; i++) {
            file.append("t").append(i).append(",2024-05-25 10:00:00,").append(i % 400 == 7 ? "n/a" : "1.25").append('\n');
        }
        FileReport report = report();
        var batches = batches(file.toString().getBytes(StandardCharsets.UTF_8), report);
        assertEquals(List.of(500, 500, 200), batches.stream().map(List::size).toList());
        assertEquals(1_203, report.rowsRead());
        assertEquals(3, report.rowsRejected());
        var json = report.toJson();
        assertEquals("trip-end", json.get("kind"));
        assertEquals(List.of(Map.of("line", 9, "reason", "fare_amount 'n/a' is not a number"),
                Map.of("line", 409, "reason", "fare_amount 'n/a' is not a number")), json.get("rejected_rows"));
        assertEquals(true, json.get("rejected_rows_truncated"));
    }

    @Test
    void unusableFilesAreRejectedAsAWholeSayingWhy() {
        FileReport empty = report();
        assertEquals(List.of(), batches(new byte[0], empty));
        assertEquals("the file is empty", empty.toJson().get("file_rejected_because"));

        FileReport binary = report();
        assertEquals(List.of(), batches(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 1, 2, (byte) 0xC3, 0x28}, binary));
        assertEquals("the file is not UTF-8 text", binary.toJson().get("file_rejected_because"));

        FileReport unknown = report();
        assertEquals(List.of(), batches("order_id,status\n1,shipped\n".getBytes(StandardCharsets.UTF_8), unknown));
        assertTrue(unknown.fileRejected());
        assertEquals("rejected", unknown.outcome());

        FileReport oneHugeLine = report();
        assertEquals(List.of(), batches("x".repeat(CsvRecords.MAX_RECORD_CHARS + 10).getBytes(StandardCharsets.UTF_8), oneHugeLine));
        assertTrue(((String) oneHugeLine.toJson().get("file_rejected_because")).startsWith("the first line is longer than"));
    }

    @Test
    void aHeaderOnlyFileIsProcessedWithNoRows() {
        FileReport headerOnly = report();
        assertEquals(List.of(), batches("trip_id,dropoff_datetime,fare_amount".getBytes(StandardCharsets.UTF_8), headerOnly));
        assertFalse(headerOnly.fileRejected());
        assertEquals(0, headerOnly.rowsRead());
    }

    @Test
    void aVersionGoneWhileReadEndsTheFileIncompleteWithTheRowsBeforeItDelivered() {
        byte[] head = "trip_id,dropoff_datetime,fare_amount\nr1,2024-05-25 10:00:00,5\nr2,2024-05-25 11:00:00,6\n".getBytes(StandardCharsets.UTF_8);
        var file = new java.io.SequenceInputStream(new ByteArrayInputStream(head), new java.io.InputStream() {
            @Override
            public int read() throws java.io.IOException {
                throw new FileVersionGoneException("incoming/f.csv (ETag e) was overwritten or deleted while it was read", null);
            }
        });
        FileReport report = report();
        List<TripEventRecord> events = new ArrayList<>();
        reader.batches(file, report).forEachRemaining(events::addAll);
        assertEquals(2, events.size());
        assertEquals(FileReport.INCOMPLETE, report.outcome());
        assertTrue(report.toJson().get("ended_because").toString().contains("overwritten or deleted"));
    }
}
