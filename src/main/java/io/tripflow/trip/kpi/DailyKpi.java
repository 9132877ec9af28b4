package io.tripflow.trip.kpi;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import io.tripflow.trip.analytics.AnalyticsRules;
import io.tripflow.trip.analytics.CompletedTrip;
import io.tripflow.trip.analytics.DurationClass;
import io.tripflow.trip.analytics.TripAnalytics;

/**
 * The figures for one UTC date of completed trips. Sums are exact ({@link BigDecimal}); rounding to
 * two decimals happens only in {@link #toJson()}, when the figures are written.
 *
 * @param fareOfTripsWithDistance the fares of the trips whose distance is above 0, the numerator of
 *        revenue per distance (whose denominator, totalDistance, only those trips add to)
 * @param durationClasses trips per class; one dropped off before its pick-up is in none
 * @param byVendor, byPaymentType trips and fares per code, "unknown" where the trip has none, "other"
 *        where its code is not a whole number from 0 to {@value #LARGEST_CODE} (real vendor and payment
 *        codes are a handful of small numbers: a group per arbitrary value would let one day's data
 *        grow the fold, and the KPI file, without bound)
 */
public record DailyKpi(
        LocalDate date,
        long countTrips,
        BigDecimal totalFare,
        BigDecimal minFare,
        BigDecimal maxFare,
        BigDecimal totalTips,
        BigDecimal totalDistance,
        long tripsWithDistance,
        BigDecimal fareOfTripsWithDistance,
        long totalDurationSeconds,
        long highValueTrips,
        Map<DurationClass, Long> durationClasses,
        Map<String, Breakdown> byVendor,
        Map<String, Breakdown> byPaymentType,
        Instant generatedAt) {

    /** A group's share of the date: its trips and their fares. */
    public record Breakdown(long countTrips, BigDecimal totalFare) {
        Breakdown plus(Breakdown other) {
            return new Breakdown(countTrips + other.countTrips, totalFare.add(other.totalFare));
        }
    }

    static final String UNKNOWN = "unknown";
    static final String OTHER = "other";
    static final int LARGEST_CODE = 99;

    /** Codes in numeric order (2 before 10), then "other", then "unknown": a stable order for the files. */
    static final Comparator<String> CODE_ORDER = Comparator.comparing((String code) -> code.equals(UNKNOWN))
            .thenComparing(code -> code.equals(OTHER))
            .thenComparing(code -> code.equals(UNKNOWN) || code.equals(OTHER) ? BigDecimal.ZERO : new BigDecimal(code));

    /** The group a trip's code counts in: the code itself while it is a small whole number. */
    static String groupOf(String code) {
        if (code == null) {
            return UNKNOWN;
        }
        return code.chars().allMatch(Character::isDigit) && code.length() <= 2 ? code : OTHER;
    }

    /** A running fold over a stream of trips: memory is constant whatever the number of trips. */
    public static final class Accumulator {
        private final AnalyticsRules rules;
        private long count;
        private BigDecimal totalFare = BigDecimal.ZERO;
        private BigDecimal minFare;
        private BigDecimal maxFare;
        private BigDecimal totalTips = BigDecimal.ZERO;
        private BigDecimal totalDistance = BigDecimal.ZERO;
        private long tripsWithDistance;
        private BigDecimal fareOfTripsWithDistance = BigDecimal.ZERO;
        private long totalDurationSeconds;
        private long highValueTrips;
        private final Map<DurationClass, Long> durationClasses = new EnumMap<>(DurationClass.class);
        private final Map<String, Breakdown> byVendor = new TreeMap<>(CODE_ORDER);
        private final Map<String, Breakdown> byPaymentType = new TreeMap<>(CODE_ORDER);

        /** @param rules what makes a trip short, long or of high value: the same rules as its analytics */
        public Accumulator(AnalyticsRules rules) {
            this.rules = rules;
        }

        public void add(CompletedTrip trip) {
            TripAnalytics analytics = TripAnalytics.of(trip, rules);
            BigDecimal fare = trip.fareAmount();
            count++;
            totalFare = totalFare.add(fare);
            minFare = minFare == null || fare.compareTo(minFare) < 0 ? fare : minFare;
            maxFare = maxFare == null || fare.compareTo(maxFare) > 0 ? fare : maxFare;
            if (trip.tipAmount() != null) {
                totalTips = totalTips.add(trip.tipAmount());
            }
            if (trip.tripDistance() != null) {
                totalDistance = totalDistance.add(trip.tripDistance());
                tripsWithDistance++;
                if (trip.tripDistance().signum() > 0) {
                    fareOfTripsWithDistance = fareOfTripsWithDistance.add(fare);
                }
            }
            // every completed trip has both times: its duration counts in the average
            totalDurationSeconds += analytics.duration().toSeconds();
            highValueTrips += analytics.highValue() ? 1 : 0;
            if (analytics.durationClass() != null) {
                durationClasses.merge(analytics.durationClass(), 1L, Long::sum);
            }
            Breakdown one = new Breakdown(1, fare);
            byVendor.merge(groupOf(trip.vendorId()), one, Breakdown::plus);
            byPaymentType.merge(groupOf(trip.paymentType()), one, Breakdown::plus);
        }

        public Accumulator merge(Accumulator other) {
            count += other.count;
            totalFare = totalFare.add(other.totalFare);
            minFare = min(minFare, other.minFare);
            maxFare = max(maxFare, other.maxFare);
            totalTips = totalTips.add(other.totalTips);
            totalDistance = totalDistance.add(other.totalDistance);
            tripsWithDistance += other.tripsWithDistance;
            fareOfTripsWithDistance = fareOfTripsWithDistance.add(other.fareOfTripsWithDistance);
            totalDurationSeconds += other.totalDurationSeconds;
            highValueTrips += other.highValueTrips;
            other.durationClasses.forEach((durationClass, n) -> durationClasses.merge(durationClass, n, Long::sum));
            other.byVendor.forEach((vendor, breakdown) -> byVendor.merge(vendor, breakdown, Breakdown::plus));
            other.byPaymentType.forEach((type, breakdown) -> byPaymentType.merge(type, breakdown, Breakdown::plus));
            return this;
        }

        public DailyKpi result(LocalDate date, Instant generatedAt) {
            return new DailyKpi(date, count, totalFare, minFare, maxFare, totalTips, totalDistance, tripsWithDistance,
                    fareOfTripsWithDistance, totalDurationSeconds, highValueTrips, Map.copyOf(durationClasses),
                    sorted(byVendor), sorted(byPaymentType), generatedAt);
        }

        private static Map<String, Breakdown> sorted(Map<String, Breakdown> groups) {
            Map<String, Breakdown> copy = new TreeMap<>(CODE_ORDER);
            copy.putAll(groups);
            return copy;
        }

        private static BigDecimal min(BigDecimal a, BigDecimal b) {
            return a == null ? b : b == null ? a : a.min(b);
        }

        private static BigDecimal max(BigDecimal a, BigDecimal b) {
            return a == null ? b : b == null ? a : a.max(b);
        }
    }

    public BigDecimal averageFare() {
        return countTrips == 0 ? null : totalFare.divide(BigDecimal.valueOf(countTrips), MathContext.DECIMAL128);
    }

    /**
     * The KPI document written to S3; key order is stable so identical figures give identical files.
     * A date without trips has count 0 and null figures: there is no fare to sum or average. The
     * one place where figures are rounded (half-up, to cents).
     */
    public Map<String, Object> toJson() {
        boolean none = countTrips == 0;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("date", date.toString());
        json.put("count_trips", countTrips);
        json.put("total_fare", none ? null : cents(totalFare));
        json.put("average_fare", cents(averageFare()));
        json.put("min_fare", cents(minFare));
        json.put("max_fare", cents(maxFare));
        json.put("total_tips", none ? null : cents(totalTips));
        json.put("total_distance", none ? null : cents(totalDistance));
        json.put("average_distance", tripsWithDistance == 0 ? null : cents(ratio(totalDistance, BigDecimal.valueOf(tripsWithDistance))));
        json.put("revenue_per_distance", totalDistance.signum() == 0 ? null : cents(ratio(fareOfTripsWithDistance, totalDistance)));
        json.put("average_duration_minutes", none ? null
                : BigDecimal.valueOf(totalDurationSeconds).divide(BigDecimal.valueOf(countTrips * 60), 2, RoundingMode.HALF_UP));
        json.put("high_value_trips", highValueTrips);
        Map<String, Long> classes = new LinkedHashMap<>();
        for (DurationClass durationClass : DurationClass.values()) {
            classes.put(durationClass.label(), durationClasses.getOrDefault(durationClass, 0L));
        }
        json.put("trips_by_duration_class", classes);
        json.put("by_vendor", breakdownJson(byVendor));
        json.put("by_payment_type", breakdownJson(byPaymentType));
        json.put("generated_at", generatedAt.toString());
        return json;
    }

    private static Map<String, Object> breakdownJson(Map<String, Breakdown> groups) {
        Map<String, Object> json = new LinkedHashMap<>();
        groups.forEach((code, group) -> {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("count_trips", group.countTrips());
            figures.put("total_fare", cents(group.totalFare()));
            json.put(code, figures);
        });
        return json;
    }

    private static BigDecimal ratio(BigDecimal numerator, BigDecimal denominator) {
        return numerator.divide(denominator, MathContext.DECIMAL128);
    }

    private static BigDecimal cents(BigDecimal value) {
        return value == null ? null : value.setScale(2, RoundingMode.HALF_UP);
    }
}
