package io.tripflow.pipeline;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    /** Per UTC drop-off date: count, total, min and max of fare_amount over trips with both halves. */
    static Map<LocalDate, DayFigures> reference() throws IOException {
        if (!Files.exists(END_CSV)) {
            throw new IllegalStateException("the real data set is expected at " + DIR);
        }
        List<String> startLines = Files.readAllLines(START_CSV);
        java.util.Set<String> started = new java.util.HashSet<>();
        for (String line : startLines.subList(1, startLines.size())) {
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
