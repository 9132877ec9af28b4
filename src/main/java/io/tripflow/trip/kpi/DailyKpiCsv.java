package io.tripflow.trip.kpi;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * daily_trip_kpis.csv: one row per date, the figures of its KPI file exactly as that file writes
 * them (no number is parsed into a double and back). The columns never change order; new ones are
 * only ever added at the end.
 */
public final class DailyKpiCsv {

    /** Figures copied as they are, each a column of the same name. */
    private static final List<String> FIGURES = List.of("date", "count_trips", "total_fare", "average_fare", "min_fare", "max_fare",
            "total_tips", "total_distance", "average_distance", "revenue_per_distance", "average_duration_minutes", "high_value_trips");
    /** The duration classes, each a column short_trips, medium_trips, long_trips. */
    private static final List<String> DURATION_CLASSES = List.of("short", "medium", "long");
    /** The breakdowns, each one column of code=trips/total_fare pairs joined by ; (e.g. 1=120/1234.50;2=80/99.00). */
    private static final List<String> BREAKDOWNS = List.of("by_vendor", "by_payment_type");

    /** Reads each number as the exact decimal it is written as, trailing zeros and all (40.10 stays 40.10). */
    private static final ObjectMapper KPI_FILE = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private DailyKpiCsv() {
    }

    public static String header() {
        List<String> columns = new ArrayList<>(FIGURES);
        DURATION_CLASSES.forEach(durationClass -> columns.add(durationClass + "_trips"));
        columns.addAll(BREAKDOWNS);
        return String.join(",", columns) + "\n";
    }

    /** A KPI file as its row; a figure the file lacks (an older file) or has as null is an empty cell. */
    public static String row(InputStream kpiFile) throws IOException {
        return row(KPI_FILE.readTree(kpiFile));
    }

    private static String row(JsonNode kpi) {
        List<String> cells = new ArrayList<>();
        FIGURES.forEach(figure -> cells.add(text(kpi.get(figure))));
        JsonNode classes = kpi.path("trips_by_duration_class");
        DURATION_CLASSES.forEach(durationClass -> cells.add(text(classes.get(durationClass))));
        for (String breakdown : BREAKDOWNS) {
            List<String> groups = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = kpi.path(breakdown).fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> group = it.next();
                groups.add(group.getKey() + "=" + text(group.getValue().get("count_trips")) + "/" + text(group.getValue().get("total_fare")));
            }
            cells.add(String.join(";", groups));
        }
        return String.join(",", cells) + "\n";
    }

    /** Numbers as their exact decimal text; codes and dates hold no comma or quote. */
    private static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        return value.isNumber() ? value.decimalValue().toPlainString() : value.asText();
    }
}
