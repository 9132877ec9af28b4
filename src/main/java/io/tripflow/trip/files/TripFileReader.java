package io.tripflow.trip.files;

import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import io.tripflow.dynamodb.NumberBounds;
import io.tripflow.intake.CsvBatches;
import io.tripflow.intake.FileReport;
import io.tripflow.trip.TimestampFormats;

/**
 * Streams a trip file as batches of events for PutRecords (see {@link CsvBatches}): its header tells
 * its kind, and each row becomes its events (a whole-trip row both halves) or is rejected with its
 * reason.
 */
public final class TripFileReader {

    private final TimestampFormats timestamps;
    private final NumberBounds numbers;
    private final ColumnAliases aliases;

    public TripFileReader(TimestampFormats timestamps, NumberBounds numbers) {
        this(timestamps, numbers, ColumnAliases.NONE);
    }

    /** @param aliases how header names are matched to tripflow's columns (the TLC names, say) */
    public TripFileReader(TimestampFormats timestamps, NumberBounds numbers, ColumnAliases aliases) {
        this.timestamps = timestamps;
        this.numbers = numbers;
        this.aliases = aliases;
    }

    /** The file's events in batches of at most {@value CsvBatches#BATCH_SIZE} rows' worth (the publisher splits a 501st). */
    public Iterator<List<TripEventRecord>> batches(InputStream file, FileReport report) {
        return CsvBatches.of(file, report, (written, fileReport) -> {
            List<String> header = aliases.columns(written);
            Optional<FileKind.Detected> detected = FileKind.detect(header);
            if (detected.isEmpty()) {
                fileReport.rejectFile(FileKind.whyUnknown(header));
                return null;
            }
            fileReport.kind(detected.get().kind().reportName(), detected.get().ignoredColumns());
            TripRowReader rows = new TripRowReader(detected.get().kind(), header, timestamps, numbers, fileReport.uploadedAt());
            return (record, batch) -> {
                TripRowReader.Outcome outcome = rows.read(record.fields());
                if (outcome.rejected()) {
                    fileReport.rowRejected(record.line(), outcome.findings());
                } else {
                    batch.addAll(outcome.events());
                }
            };
        });
    }
}
