package io.tripflow.kpi;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures for one UTC date of completed trips. Sums are exact ({@link BigDecimal}); rounding to
 * two decimals happens only in {@link #toJson()}, when the figures are written.
 */
public record DailyKpi(
        LocalDate date,
        long countTrips,
        BigDecimal totalFare,
        BigDecimal minFare,
        BigDecimal maxFare,
        BigDecimal totalTips,
        BigDecimal totalDistance,
        long totalDurationSeconds,
        long tripsWithDuration,
        Instant generatedAt) {

    /** A running fold over a stream of trips: memory is constant whatever the number of trips. */
    public static final class Accumulator {
        private long count;
        private BigDecimal totalFare = BigDecimal.ZERO;
        private BigDecimal minFare;
        private BigDecimal maxFare;
        private BigDecimal totalTips = BigDecimal.ZERO;
        private BigDecimal totalDistance = BigDecimal.ZERO;
        private long totalDurationSeconds;
        private long tripsWithDuration;

        /**
         * @param tip, distance may be null (not every trip end carries them)
         * @param durationSeconds null when the start's pick-up time is unknown
         */
        public void add(BigDecimal fare, BigDecimal tip, BigDecimal distance, Long durationSeconds) {
            count++;
            totalFare = totalFare.add(fare);
            minFare = minFare == null || fare.compareTo(minFare) < 0 ? fare : minFare;
            maxFare = maxFare == null || fare.compareTo(maxFare) > 0 ? fare : maxFare;
            if (tip != null) {
                totalTips = totalTips.add(tip);
            }
            if (distance != null) {
                totalDistance = totalDistance.add(distance);
            }
            if (durationSeconds != null) {
                totalDurationSeconds += durationSeconds;
                tripsWithDuration++;
            }
        }

        public Accumulator merge(Accumulator other) {
            count += other.count;
            totalFare = totalFare.add(other.totalFare);
            minFare = min(minFare, other.minFare);
            maxFare = max(maxFare, other.maxFare);
            totalTips = totalTips.add(other.totalTips);
            totalDistance = totalDistance.add(other.totalDistance);
            totalDurationSeconds += other.totalDurationSeconds;
            tripsWithDuration += other.tripsWithDuration;
            return this;
        }

        public DailyKpi result(LocalDate date, Instant generatedAt) {
            return new DailyKpi(date, count, totalFare, minFare, maxFare, totalTips, totalDistance,
                    totalDurationSeconds, tripsWithDuration, generatedAt);
        }

        private static BigDecimal min(BigDecimal a, BigDecimal b) {
            return a == null ? b : b == null ? a : a.min(b);
        }

        private static BigDecimal max(BigDecimal a, BigDecimal b) {
            return a == null ? b : b == null ? a : a.max(b);
        }
    }

    /** Exact until here; the one place where money is rounded (half-up, to cents). */
    public BigDecimal averageFare() {
        return countTrips == 0 ? null : totalFare.divide(BigDecimal.valueOf(countTrips), MathContext.DECIMAL128);
    }

    /**
     * The KPI document written to S3; key order is stable so identical figures give identical files.
     * A date without trips has count 0 and null figures: there is no fare to sum or average.
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
        json.put("average_duration_minutes", tripsWithDuration == 0 ? null
                : BigDecimal.valueOf(totalDurationSeconds)
                        .divide(BigDecimal.valueOf(tripsWithDuration * 60), 2, RoundingMode.HALF_UP));
        json.put("generated_at", generatedAt.toString());
        return json;
    }

    private static BigDecimal cents(BigDecimal value) {
        return value == null ? null : value.setScale(2, RoundingMode.HALF_UP);
    }
}
