package io.tripflow.files;

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
import java.util.Optional;

import io.tripflow.csv.CsvRecords;
import io.tripflow.replay.TripEventRecord;
import io.tripflow.trip.TimestampFormats;

/**
 * Streams a trip file as batches of events for PutRecords, filling in its report on the way: the
 * kind its header shows, each row read, each row rejected with its line and reason. Only one batch
 * and one record are in memory at a time, whatever the file's size.
 */
public final class TripFileReader {

    /** PutRecords takes at most 500 records a call (a whole-trip row's two events may make it 501: the publisher splits). */
    public static final int BATCH_SIZE = 500;
    /** Longer than any trip row; a Kinesis record holds at most 1 MB anyway. */
    static final int MAX_RECORD_CHARS = 1 << 20;

    private final TimestampFormats timestamps;

    public TripFileReader(TimestampFormats timestamps) {
        this.timestamps = timestamps;
    }

    /**
     * The file's events in batches of at most {@value #BATCH_SIZE}; none when the file as a whole is
     * unusable, which the report then says. Strict UTF-8: a file that is not text is rejected where
     * that shows, with the rows before it already sent.
     */
    public Iterator<List<TripEventRecord>> batches(InputStream file, FileReport report) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        CsvRecords records = new CsvRecords(new InputStreamReader(file, decoder), MAX_RECORD_CHARS);
        Optional<TripRowReader> rows = header(records, report);
        if (rows.isEmpty()) {
            return Collections.emptyIterator();
        }
        return new Iterator<>() {
            private List<TripEventRecord> next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    next = nextBatch(records, rows.get(), report);
                }
                return !next.isEmpty();
            }

            @Override
            public List<TripEventRecord> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                List<TripEventRecord> batch = next;
                next = null;
                return batch;
            }
        };
    }

    private Optional<TripRowReader> header(CsvRecords records, FileReport report) {
        try {
            if (!records.hasNext()) {
                report.rejectFile("the file is empty");
                return Optional.empty();
            }
            CsvRecords.Record header = records.next();
            if (header.tooLong()) {
                report.rejectFile("the first line is longer than " + MAX_RECORD_CHARS + " characters: not a CSV header");
                return Optional.empty();
            }
            Optional<FileKind.Detected> detected = FileKind.detect(header.fields());
            if (detected.isEmpty()) {
                report.rejectFile(FileKind.whyUnknown(header.fields()));
                return Optional.empty();
            }
            report.kind(detected.get().kind(), detected.get().ignoredColumns());
            return Optional.of(new TripRowReader(detected.get().kind(), header.fields(), timestamps));
        } catch (UncheckedIOException e) {
            report.rejectFile(notText(e));
            return Optional.empty();
        }
    }

    /** Up to a batch of events; empty at the end of the file (or where it stops being text). */
    private static List<TripEventRecord> nextBatch(CsvRecords records, TripRowReader rows, FileReport report) {
        List<TripEventRecord> batch = new ArrayList<>();
        if (report.fileRejected()) {
            return batch;
        }
        try {
            while (batch.size() < BATCH_SIZE && records.hasNext()) {
                CsvRecords.Record record = records.next();
                report.rowRead();
                if (record.tooLong()) {
                    report.rowRejected(record.line(), "the row is longer than " + MAX_RECORD_CHARS + " characters");
                    continue;
                }
                TripRowReader.Outcome outcome = rows.read(record.fields());
                if (outcome.rejected()) {
                    report.rowRejected(record.line(), outcome.rejection());
                } else {
                    batch.addAll(outcome.events());
                }
            }
        } catch (UncheckedIOException e) {
            report.rejectFile(notText(e));
        }
        return batch;
    }

    /**
     * Why the file is unusable when it is not text; any other failure to read it is no fault of the
     * file's (the connection broke for good): it is thrown, and the file is taken in again later.
     */
    private static String notText(UncheckedIOException e) {
        if (e.getCause() instanceof CharacterCodingException) {
            return "the file is not UTF-8 text";
        }
        throw e;
    }
}
