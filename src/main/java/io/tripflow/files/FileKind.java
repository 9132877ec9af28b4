package io.tripflow.files;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.tripflow.trip.TripHalf;

/**
 * The kinds of file the intake knows, told apart by their header (any column order). A kind's
 * required columns must all be there; its other known columns may be; any further column is ignored
 * and listed in the report.
 */
public enum FileKind {
    TRIP_START(TripHalf.Side.START, "pickup_datetime",
            List.of("trip_id", "pickup_datetime", "estimated_dropoff_datetime", "estimated_fare_amount"),
            List.of("pickup_location_id", "dropoff_location_id", "vendor_id", "event_time")),
    TRIP_END(TripHalf.Side.END, "dropoff_datetime",
            List.of("trip_id", "dropoff_datetime", "fare_amount"),
            List.of("rate_code", "passenger_count", "trip_distance", "tip_amount", "payment_type", "trip_type", "event_time"));

    private final TripHalf.Side side;
    private final String eventTimeColumn;
    private final List<String> required;
    /** Every column this kind reads: the required ones, then the optional ones. */
    private final Set<String> columns;

    FileKind(TripHalf.Side side, String eventTimeColumn, List<String> required, List<String> optional) {
        this.side = side;
        this.eventTimeColumn = eventTimeColumn;
        this.required = required;
        Set<String> all = new LinkedHashSet<>(required);
        all.addAll(optional);
        this.columns = Collections.unmodifiableSet(all);
    }

    public TripHalf.Side side() {
        return side;
    }

    /** The timestamp a row's event is ordered by: the half's pick-up or drop-off. */
    public String eventTimeColumn() {
        return eventTimeColumn;
    }

    /** Every column this kind reads. */
    public Set<String> columns() {
        return columns;
    }

    /** A header read as a kind: which columns the rows carry that the kind reads, and which it ignores. */
    public record Detected(FileKind kind, List<String> ignoredColumns) {
    }

    /**
     * The kind whose required columns the header has, the one that reads most of them when two
     * could; empty when none does or the header names a column twice.
     */
    public static Optional<Detected> detect(List<String> header) {
        List<String> names = header.stream().map(String::trim).toList();
        if (new HashSet<>(names).size() != names.size()) {
            return Optional.empty();
        }
        Detected best = null;
        int bestRead = -1;
        for (FileKind kind : values()) {
            if (!names.containsAll(kind.required)) {
                continue;
            }
            List<String> ignored = new ArrayList<>();
            int read = 0;
            for (String name : names) {
                if (kind.columns().contains(name)) {
                    read++;
                } else {
                    ignored.add(name);
                }
            }
            if (read > bestRead) {
                best = new Detected(kind, ignored);
                bestRead = read;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Why a header is of no known kind, for the report. */
    public static String whyUnknown(List<String> header) {
        List<String> names = header.stream().map(String::trim).toList();
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                return "the header names column '" + name + "' twice";
            }
        }
        List<String> kinds = new ArrayList<>();
        for (FileKind kind : values()) {
            List<String> missing = kind.required.stream().filter(c -> !names.contains(c)).toList();
            kinds.add(kind.name().toLowerCase().replace('_', '-') + " lacks " + String.join(", ", missing));
        }
        return "the header is of no known kind (" + String.join("; ", kinds) + ")";
    }
}
