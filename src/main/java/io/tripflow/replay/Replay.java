package io.tripflow.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.tripflow.trip.TimestampFormats;
import io.tripflow.trip.files.StreamPublisher;
import io.tripflow.trip.files.TripEventRecord;

/** Replays a trip_start / trip_end CSV pair (or any run of events) onto the configured streams, optionally at a fixed rate. */
public final class Replay {

    private Replay() {
    }

    public static List<TripEventRecord> readEvents(Path startCsv, Path endCsv) throws IOException {
        return readEvents(startCsv, endCsv, TimestampFormats.BUILT_IN);
    }

    /** Both files' events by event time, their timestamps read in the given formats and sent as ISO-8601 UTC. */
    public static List<TripEventRecord> readEvents(Path startCsv, Path endCsv, TimestampFormats timestamps) throws IOException {
        return TripEventRecord.interleave(readCsv(startCsv), readCsv(endCsv), timestamps);
    }

    private static List<Map<String, String>> readCsv(Path csv) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return CsvTable.read(reader, csv.toString());
        }
    }

    /**
     * @param ratePerSecond events per second, or 0 for as fast as the streams accept them
     * @return the number of events published
     */
    public static long publish(List<TripEventRecord> events, StreamPublisher publisher,
            Function<TripEventRecord, String> streamOf, int ratePerSecond, PrintStream progress) throws InterruptedException {
        return publish(events.iterator(), events.size(), "replayed", publisher, streamOf, ratePerSecond, progress);
    }

    /**
     * Publishes events as the iterator yields them, a PutRecords call's worth at a time, with a
     * progress line after each.
     *
     * @param total how many the iterator will yield, for the progress line
     * @param verb what the progress line says was done ("replayed", "simulated")
     */
    public static long publish(Iterator<TripEventRecord> events, long total, String verb, StreamPublisher publisher,
            Function<TripEventRecord, String> streamOf, int ratePerSecond, PrintStream progress) throws InterruptedException {
        int chunk = ratePerSecond > 0 ? Math.min(StreamPublisher.MAX_RECORDS_PER_CALL, ratePerSecond) : StreamPublisher.MAX_RECORDS_PER_CALL;
        long started = System.nanoTime();
        long sent = 0;
        while (events.hasNext()) {
            List<TripEventRecord> slice = new ArrayList<>(chunk);
            while (slice.size() < chunk && events.hasNext()) {
                slice.add(events.next());
            }
            publisher.publish(slice, streamOf);
            sent += slice.size();
            progress.printf("%s %d/%d events%n", verb, sent, total);
            if (ratePerSecond > 0) {
                long dueNanos = started + sent * 1_000_000_000L / ratePerSecond;
                long aheadMillis = (dueNanos - System.nanoTime()) / 1_000_000;
                if (aheadMillis > 0) {
                    Thread.sleep(aheadMillis);
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        progress.printf("%s %d events in %.1f s (%.0f events/s)%n", verb, sent, seconds, sent / Math.max(seconds, 1e-9));
        return sent;
    }
}
