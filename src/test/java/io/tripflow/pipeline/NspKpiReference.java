package io.tripflow.pipeline;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The KPI fields beyond count and fares (distance, revenue per distance, high-value trips, duration
 * classes, per-vendor and per-payment-type breakdowns) of the real data set, computed here from the
 * CSV text with the documented definitions and default thresholds (short below 10 minutes, long
 * from 30, high value above 50 = fare + tip, the data set having no total_amount), independently of
 * tripflow's analytics and fold.
 */
final class NspKpiReference {

    private static final DateTimeFormatter CSV_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final BigDecimal HIGH_VALUE_ABOVE = new BigDecimal("50");

    /** One date's sums, exact. */
    private static final class Day {
        BigDecimal distance = BigDecimal.ZERO;
        long withDistance;
        BigDecimal fareWithPositiveDistance = BigDecimal.ZERO;
        long highValue;
        final Map<String, Long> classes = new TreeMap<>(Map.of("short", 0L, "medium", 0L, "long", 0L));
        final Map<String, BigDecimal[]> vendors = new TreeMap<>();
        final Map<String, BigDecimal[]> paymentTypes = new TreeMap<>();
    }

    private final Map<LocalDate, Day> days = new TreeMap<>();

    private NspKpiReference() {
    }

    /** Over the first n trips (by the start file's order) that have both halves. */
    static NspKpiReference of(int n) throws IOException {
        List<String> startLines = Files.readAllLines(NspDataSet.START_CSV);
        Map<String, String[]> starts = new HashMap<>();
        for (String line : startLines.subList(1, 1 + n)) {
            String[] cells = line.split(",", -1);
            starts.put(cells[0], cells);
        }
        NspKpiReference reference = new NspKpiReference();
        List<String> endLines = Files.readAllLines(NspDataSet.END_CSV);
        for (String line : endLines.subList(1, endLines.size())) {
            String[] end = line.split(",", -1);
            String[] start = starts.get(end[8]);
            if (start != null) {
                reference.add(start, end);
            }
        }
        return reference;
    }

    private void add(String[] start, String[] end) {
        Day day = days.computeIfAbsent(LocalDate.parse(end[0].substring(0, 10)), d -> new Day());
        BigDecimal fare = new BigDecimal(end[4]);
        if (!end[3].isEmpty()) {
            BigDecimal distance = new BigDecimal(end[3]);
            day.distance = day.distance.add(distance);
            day.withDistance++;
            if (distance.signum() > 0) {
                day.fareWithPositiveDistance = day.fareWithPositiveDistance.add(fare);
            }
        }
        BigDecimal total = end[5].isEmpty() ? fare : fare.add(new BigDecimal(end[5]));
        day.highValue += total.compareTo(HIGH_VALUE_ABOVE) > 0 ? 1 : 0;
        long seconds = Duration.between(LocalDateTime.parse(start[4], CSV_TIME), LocalDateTime.parse(end[0], CSV_TIME)).toSeconds();
        if (seconds >= 0) {
            day.classes.merge(seconds < 10 * 60 ? "short" : seconds < 30 * 60 ? "medium" : "long", 1L, Long::sum);
        }
        count(day.vendors, start[3], fare);
        count(day.paymentTypes, end[6], fare);
    }

    private static void count(Map<String, BigDecimal[]> groups, String code, BigDecimal fare) {
        String key = code.isEmpty() ? "unknown" : new BigDecimal(code).stripTrailingZeros().toPlainString();
        BigDecimal[] group = groups.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        group[0] = group[0].add(BigDecimal.ONE);
        group[1] = group[1].add(fare);
    }

    /** Every date's KPI file has these figures. */
    void assertKpisEqual(RunningTripflow tripflow) throws Exception {
        for (var entry : days.entrySet()) {
            LocalDate date = entry.getKey();
            Day day = entry.getValue();
            JsonNode kpi = tripflow.kpi(date);
            assertNumber(day.distance.divide(BigDecimal.valueOf(day.withDistance), MathContext.DECIMAL128), kpi.get("average_distance"), date + " average_distance");
            assertNumber(day.fareWithPositiveDistance.divide(day.distance, MathContext.DECIMAL128), kpi.get("revenue_per_distance"), date + " revenue_per_distance");
            assertEquals(day.highValue, kpi.get("high_value_trips").asLong(), date + " high_value_trips");
            for (var durationClass : day.classes.entrySet()) {
                assertEquals(durationClass.getValue(), kpi.get("trips_by_duration_class").get(durationClass.getKey()).asLong(), date + " " + durationClass.getKey());
            }
            assertGroups(day.vendors, kpi.get("by_vendor"), date + " by_vendor");
            assertGroups(day.paymentTypes, kpi.get("by_payment_type"), date + " by_payment_type");
        }
    }

    private static void assertGroups(Map<String, BigDecimal[]> expected, JsonNode actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": " + expected.keySet() + " but was " + actual);
        for (var group : expected.entrySet()) {
            JsonNode figures = actual.get(group.getKey());
            assertEquals(group.getValue()[0].longValueExact(), figures.get("count_trips").asLong(), what + " " + group.getKey());
            assertNumber(group.getValue()[1], figures.get("total_fare"), what + " " + group.getKey() + " total_fare");
        }
    }

    /** Rounded half-up to cents, as the KPI file writes it. */
    private static void assertNumber(BigDecimal exact, JsonNode actual, String what) {
        BigDecimal expected = exact.setScale(2, RoundingMode.HALF_UP);
        assertEquals(0, expected.compareTo(actual.decimalValue()), what + ": expected " + expected + " but was " + actual);
    }
}
