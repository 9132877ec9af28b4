package io.tripflow.csv;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvRecordsTest {

    private static List<CsvRecords.Record> read(String text, int max) {
        List<CsvRecords.Record> records = new ArrayList<>();
        new CsvRecords(new StringReader(text), max).forEachRemaining(records::add);
        return records;
    }

    @Test
    void quotedFieldsKeepTheirCommasQuotesAndLineBreaks() {
        var records = read("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nlast,row,here\n", 1000);
        assertEquals(List.of("a", "b", "c"), records.get(0).fields());
        assertEquals(List.of("x, y", "say \"hi\"", "two\nlines"), records.get(1).fields());
        assertEquals(2, records.get(1).line());
        assertEquals(4, records.get(2).line(), "a line break inside quotes still counts as a line");
    }

    @Test
    void crlfABomBlankLinesAndNoTrailingNewlineAreAllFine() {
        var records = read("\uFEFFtrip_id,fare\r\n\r\nt1,1.5\r\n\n\nt2,+2", 1000);
        assertEquals(List.of("trip_id", "fare"), records.get(0).fields());
        assertEquals(List.of("t1", "1.5"), records.get(1).fields());
        assertEquals(3, records.get(1).line());
        assertEquals(List.of("t2", "+2"), records.get(2).fields());
        assertEquals(6, records.get(2).line());
        assertEquals(3, records.size());
    }

    @Test
    void emptyFieldsStayEmptyAndIdsStayText() {
        var records = read("0487037833,,2e37064969,\n", 1000);
        assertEquals(List.of("0487037833", "", "2e37064969", ""), records.get(0).fields());
    }

    @Test
    void anOverlongRecordIsReportedWithItsLineAndReadingGoesOnAfterIt() {
        String longLine = "x".repeat(5_000);
        var records = read("h1,h2\n" + longLine + "\nok,1\n", 100);
        assertTrue(records.get(1).tooLong());
        assertEquals(2, records.get(1).line());
        assertEquals(List.of("ok", "1"), records.get(2).fields());
        assertEquals(3, records.get(2).line());
    }

    @Test
    void nothingAtAllIsNoRecord() {
        assertEquals(List.of(), read("", 100));
        assertEquals(List.of(), read("\n\r\n", 100));
    }
}
