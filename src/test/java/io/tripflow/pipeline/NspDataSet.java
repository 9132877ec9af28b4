package io.tripflow.pipeline;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.tripflow.replay.CsvTable;
import io.tripflow.replay.TripEventRecord;

/**
 * The real NSP Bolt data set from ../shared, and its daily figures computed straight from the CSV
 * text, independently of tripflow's parser, store and fold.
 */
final class NspDataSet {

    static final Path DIR = Path.of("..", "shared", "datasets", "nsp-bolt-trips").toAbsolutePath().normalize();
    static final Path START_CSV = DIR.resolve("trip_start.csv");
    static final Path END_CSV = DIR.resolve("trip_end.csv");

    record DayFigures(long count, BigDecimal total, BigDecimal min, BigDecimal max) {
        BigDecimal cents(BigDecimal value) {
            return value.setScale(2, RoundingMode.HALF_UP);
        }

        BigDecimal average() {
            return total.divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
        }
    }

    private NspDataSet() {
    }

    /** The first n trips of the data set, both halves, in event-time order. */
    static List<TripEventRecord> firstTrips(int n) throws IOException {
        List<Map<String, String>> starts;
        List<Map<String, String>> ends;
        try (BufferedReader s = Files.newBufferedReader(START_CSV); BufferedReader e = Files.newBufferedReader(END_CSV)) {
            starts = CsvTable.read(s, "trip_start.csv").subList(0, n);
            ends = CsvTable.read(e, "trip_end.csv");
        }
        Set<String> ids = starts.stream().map(row -> row.get("trip_id")).collect(Collectors.toSet());
        return TripEventRecord.interleave(starts, ends.stream().filter(row -> ids.contains(row.get("trip_id"))).toList());
    }

    /** Every trip of the data set. */
    static final int ALL_TRIPS = 4999;

    /**
     * How many of the data set's trips the real-data tests replay: all of them, or the first
     * -Dtripflow.it.nsp-trips (a smaller fixture for slow emulators).
     */
    static int tripsUnderTest() {
        return Math.min(ALL_TRIPS, Integer.getInteger("tripflow.it.nsp-trips", ALL_TRIPS));
    }

    /**
     * Per UTC drop-off date: count, total, min and max of fare_amount over the first n trips (in
     * the start file's order) that have both halves.
     */
    static Map<LocalDate, DayFigures> reference(int n) throws IOException {
        if (!Files.exists(END_CSV)) {
            throw new IllegalStateException("the real data set is expected at " + DIR);
        }
        List<String> startLines = Files.readAllLines(START_CSV);
        Set<String> started = new HashSet<>();
        for (String line : startLines.subList(1, 1 + n)) {
            started.add(line.substring(0, line.indexOf(',')));
        }
        Map<LocalDate, DayFigures> days = new TreeMap<>();
        List<String> endLines = Files.readAllLines(END_CSV);
        for (String line : endLines.subList(1, endLines.size())) {
            String[] cells = line.split(",", -1);
            if (!started.contains(cells[8])) {
                continue;
            }
            LocalDate date = LocalDate.parse(cells[0].substring(0, 10));
            BigDecimal fare = new BigDecimal(cells[4]);
            days.merge(date, new DayFigures(1, fare, fare, fare), (a, b) -> new DayFigures(a.count() + b.count(),
                    a.total().add(b.total()), a.min().min(b.min()), a.max().max(b.max())));
        }
        return days;
    }
}
