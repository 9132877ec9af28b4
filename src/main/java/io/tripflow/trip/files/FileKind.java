package io.tripflow.trip.files;

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
 * and listed in the report. A row of a half's file is one event of that half; a row of a whole-trip
 * file is both halves of one completed trip.
 */
public enum FileKind {
    TRIP_START(List.of(TripHalf.Side.START),
            List.of("trip_id", "pickup_datetime", "estimated_dropoff_datetime", "estimated_fare_amount"),
            List.of("pickup_location_id", "dropoff_location_id", "vendor_id", "event_time")),
    TRIP_END(List.of(TripHalf.Side.END),
            List.of("trip_id", "dropoff_datetime", "fare_amount"),
            List.of("rate_code", "passenger_count", "trip_distance", "tip_amount", "payment_type", "trip_type", "total_amount", "event_time")),
    /** NYC-taxi style: no estimates, and a trip_id only when the file has one (else it is derived, see {@link WholeTripId}). */
    WHOLE_TRIP(List.of(TripHalf.Side.START, TripHalf.Side.END),
            List.of("pickup_datetime", "dropoff_datetime", "fare_amount"),
            List.of("trip_id", "vendor_id", "passenger_count", "trip_distance", "rate_code", "payment_type", "tip_amount", "total_amount",
                    "pickup_location_id", "dropoff_location_id", "trip_type", "event_time"));

    /** Of a whole trip's columns, those that belong to its start half; the rest but trip_id and event_time are the end's. */
    private static final Set<String> START_COLUMNS = Set.of("pickup_datetime", "pickup_location_id", "dropoff_location_id", "vendor_id");
    private static final Set<String> BOTH_HALVES = Set.of("trip_id", "event_time");

    private final List<TripHalf.Side> sides;
    private final List<String> required;
    /** Every column this kind reads: the required ones, then the optional ones. */
    private final Set<String> columns;

    FileKind(List<TripHalf.Side> sides, List<String> required, List<String> optional) {
        this.sides = sides;
        this.required = required;
        Set<String> all = new LinkedHashSet<>(required);
        all.addAll(optional);
        this.columns = Collections.unmodifiableSet(all);
    }

    /** The halves each row becomes, in the order they are sent. */
    public List<TripHalf.Side> sides() {
        return sides;
    }

    /** Every column this kind reads. */
    public Set<String> columns() {
        return columns;
    }

    /** Whether a column this kind reads goes into the event of the given half. */
    public boolean carries(TripHalf.Side side, String column) {
        if (sides.size() == 1 || BOTH_HALVES.contains(column)) {
            return sides.contains(side);
        }
        return START_COLUMNS.contains(column) == (side == TripHalf.Side.START);
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
            kinds.add(kind.reportName() + " lacks " + String.join(", ", missing));
        }
        return "the header is of no known kind (" + String.join("; ", kinds) + ")";
    }

    /** The kind as reports and rejections name it: trip-start, trip-end, whole-trip. */
    public String reportName() {
        return name().toLowerCase().replace('_', '-');
    }
}
