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

import com.fasterxml.jackson.databind.JsonNode;
import io.tripflow.replay.CsvTable;
import io.tripflow.trip.files.TripEventRecord;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    /** The KPI file of every date of the reference has the reference's figures. */
    static void assertKpisEqual(Map<LocalDate, DayFigures> reference, RunningTripflow tripflow) throws Exception {
        for (LocalDate date : reference.keySet()) {
            DayFigures expected = reference.get(date);
            JsonNode kpi = tripflow.kpi(date);
            assertEquals(date.toString(), kpi.get("date").asText());
            assertEquals(expected.count(), kpi.get("count_trips").asLong(), date + " count");
            assertMoney(expected.cents(expected.total()), kpi.get("total_fare"), date + " total");
            assertMoney(expected.cents(expected.min()), kpi.get("min_fare"), date + " min");
            assertMoney(expected.cents(expected.max()), kpi.get("max_fare"), date + " max");
            assertMoney(expected.average(), kpi.get("average_fare"), date + " average");
        }
    }

    private static void assertMoney(BigDecimal expected, JsonNode actual, String what) {
        assertEquals(0, expected.compareTo(actual.decimalValue()), what + ": expected " + expected + " but was " + actual);
    }

    /**
     * The first n trips (by the start file's order) as a trip_start and a trip_end CSV file, in the
     * data set's own format: the files a user would drop.
     */
    static List<String> firstTripsAsFiles(int n) throws IOException {
        List<String> startLines = Files.readAllLines(START_CSV);
        Set<String> ids = new HashSet<>();
        StringBuilder starts = new StringBuilder(startLines.get(0)).append('\n');
        for (String line : startLines.subList(1, 1 + n)) {
            ids.add(line.substring(0, line.indexOf(',')));
            starts.append(line).append('\n');
        }
        List<String> endLines = Files.readAllLines(END_CSV);
        StringBuilder ends = new StringBuilder(endLines.get(0)).append('\n');
        for (String line : endLines.subList(1, endLines.size())) {
            if (ids.contains(line.substring(line.lastIndexOf(',') + 1))) {
                ends.append(line).append('\n');
            }
        }
        return List.of(starts.toString(), ends.toString());
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
