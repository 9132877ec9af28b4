package io.tripflow.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tripflow.csv.CsvRecords;

/**
 * A whole CSV file as rows of header → text, for replay, which orders both files' events by time
 * and so reads them whole; read with the same {@link CsvRecords} as the file intake. Every field
 * stays text, which is what keeps trip ids such as 0487037833 or 2e37064969 intact.
 */
public final class CsvTable {

    private CsvTable() {
    }

    /** Rows as header → value maps; a row with the wrong number of fields, or too long, is an error naming its line. */
    public static List<Map<String, String>> read(BufferedReader reader, String source) throws IOException {
        CsvRecords records = new CsvRecords(reader, CsvRecords.MAX_RECORD_CHARS);
        try {
            if (!records.hasNext()) {
                throw new IOException(source + ": empty file, expected a header line");
            }
            List<String> header = records.next().fields();
            List<Map<String, String>> rows = new ArrayList<>();
            while (records.hasNext()) {
                CsvRecords.Record record = records.next();
                if (record.tooLong()) {
                    throw new IOException(source + " line " + record.line() + ": longer than " + CsvRecords.MAX_RECORD_CHARS + " characters");
                }
                if (record.fields().size() != header.size()) {
                    throw new IOException(source + " line " + record.line() + ": " + record.fields().size() + " fields, header has " + header.size());
                }
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), record.fields().get(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
