package io.tripflow.intake;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import io.tripflow.csv.CsvRecords;

/**
 * Streams a CSV file with a header as batches of what a product line makes of its rows, filling in
 * the file's report on the way: the kind its header shows (or why the file is unusable as a whole),
 * each row read, each row rejected with its line and reason. Only one batch and one record are in
 * memory at a time, whatever the file's size. Strict UTF-8: a file that is not text is rejected where
 * that shows, with the batches before it already delivered.
 */
public final class CsvBatches {

    /** A batch is at most this many rows' worth: PutRecords takes 500 records a call. */
    public static final int BATCH_SIZE = 500;
    /**
     * A batch also ends once its rows hold this many characters: 500 rows of a megabyte each would
     * otherwise be half a gigabyte in memory, and PutRecords takes 5 MiB a call.
     */
    public static final int MAX_BATCH_CHARS = 4 << 20;

    /** A line's reading of a file whose header it knows. */
    public interface Rows<T> {
        /** Adds what the row makes to the batch (one thing, several, or none when it rejects the row in the report). */
        void read(CsvRecords.Record row, List<T> batch);
    }

    /** A line's reading of a header: how it will read the rows, or null when the file is unusable (rejected in the report). */
    public interface Header<T> {
        Rows<T> rows(List<String> header, FileReport report);
    }

    private CsvBatches() {
    }

    /** Batches of at most {@value #BATCH_SIZE} rows' worth; none when the file as a whole is unusable, which the report then says. */
    public static <T> Iterator<List<T>> of(InputStream file, FileReport report, Header<T> header) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        CsvRecords records = new CsvRecords(new InputStreamReader(file, decoder), CsvRecords.MAX_RECORD_CHARS);
        Rows<T> rows = header(records, report, header);
        if (rows == null) {
            return Collections.emptyIterator();
        }
        return new Iterator<>() {
            private List<T> next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    next = nextBatch(records, rows, report);
                }
                return !next.isEmpty();
            }

            @Override
            public List<T> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                List<T> batch = next;
                next = null;
                return batch;
            }
        };
    }

    private static <T> Rows<T> header(CsvRecords records, FileReport report, Header<T> header) {
        try {
            if (!records.hasNext()) {
                report.rejectFile("the file is empty");
                return null;
            }
            CsvRecords.Record first = records.next();
            if (first.tooLong()) {
                report.rejectFile("the first line is longer than " + CsvRecords.MAX_RECORD_CHARS + " characters: not a CSV header");
                return null;
            }
            return header.rows(first.fields(), report);
        } catch (UncheckedIOException e) {
            unreadable(e, report);
            return null;
        }
    }

    /** Up to a batch ({@value #BATCH_SIZE} rows or {@value #MAX_BATCH_CHARS} characters); empty at the end of the file (or where it stops being text). */
    private static <T> List<T> nextBatch(CsvRecords records, Rows<T> rows, FileReport report) {
        List<T> batch = new ArrayList<>();
        if (report.endedEarly()) {
            return batch;
        }
        long chars = 0;
        try {
            while (batch.size() < BATCH_SIZE && chars < MAX_BATCH_CHARS && records.hasNext()) {
                CsvRecords.Record record = records.next();
                report.rowRead();
                for (String field : record.fields()) {
                    chars += field.length() + 1;
                }
                if (record.tooLong()) {
                    report.rowRejected(record.line(), "row_length", "the row is longer than " + CsvRecords.MAX_RECORD_CHARS + " characters");
                } else {
                    rows.read(record, batch);
                }
            }
        } catch (UncheckedIOException e) {
            unreadable(e, report);
        }
        return batch;
    }

    /**
     * Where the file stops being readable: where it is not text, or its archive is damaged, the file
     * is rejected (the rows before were delivered); where the
     * version read was overwritten or deleted, it ends incomplete (the rows before were delivered).
     * Any other failure to read it is no fault of the file's (the connection broke for good): it is
     * thrown, and the file is taken in again later.
     */
    private static void unreadable(UncheckedIOException e, FileReport report) {
        if (e.getCause() instanceof CharacterCodingException) {
            report.rejectFile("the file is not UTF-8 text");
        } else if (e.getCause() instanceof DamagedArchiveException damaged) {
            report.rejectFile(damaged.getMessage());
        } else if (e.getCause() instanceof FileVersionGoneException gone) {
            report.cutShort(gone.getMessage());
        } else {
            throw e;
        }
    }
}
