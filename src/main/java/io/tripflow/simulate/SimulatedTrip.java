package io.tripflow.simulate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import io.tripflow.trip.analytics.CompletedTrip;

/**
 * One made-up trip, drawn to resemble the real data set (../shared/datasets/nsp-bolt-trips): pick-up
 * on the given date at minute precision, 10–60 minutes long, fares spread over 10–100 with 14
 * decimals, distances around a 2.8 median with a long tail and some zeros, no tip on 70% of trips,
 * and one end in ten without rate code, passenger count and payment type. Everything follows from
 * (seed, index): the same pair always gives the same trip, so a run can be regenerated, not stored.
 */
public record SimulatedTrip(
        String tripId,
        Instant pickupAt,
        Instant dropoffAt,
        Instant estimatedDropoffAt,
        BigDecimal estimatedFare,
        BigDecimal fare,
        BigDecimal tip,
        BigDecimal distance,
        Integer pickupLocation,
        Integer dropoffLocation,
        Integer vendor,
        Integer rateCode,
        Integer passengers,
        Integer paymentType) {

    private static final int MINUTES_A_DAY = 24 * 60;

    public static SimulatedTrip draw(long seed, long index, LocalDate date) {
        SplittableRandom random = random(seed, index);
        Instant pickup = date.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofMinutes(random.nextInt(MINUTES_A_DAY)));
        int minutes = random.nextInt(10, 61);
        Instant dropoff = pickup.plus(Duration.ofMinutes(minutes));
        Instant estimatedDropoff = pickup.plus(Duration.ofMinutes(Math.max(1, minutes + random.nextInt(-5, 6))));
        BigDecimal fare = decimal(10 + random.nextDouble() * 90, 14);
        BigDecimal estimatedFare = fare.multiply(decimal(0.9 + random.nextDouble() * 0.2, 4)).setScale(14, RoundingMode.HALF_UP);
        BigDecimal distance = random.nextDouble() < 0.03 ? BigDecimal.ZERO.setScale(1)
                : decimal(Math.min(100_000, Math.exp(Math.log(2.8) + 0.9 * gaussian(random))), 2);
        BigDecimal tip = random.nextDouble() < 0.7 ? BigDecimal.ZERO.setScale(1) : decimal(random.nextDouble() * 5, 2);
        boolean sparse = random.nextDouble() < 0.1;
        return new SimulatedTrip("sim-" + Long.toHexString(seed) + "-" + index, pickup, dropoff, estimatedDropoff, estimatedFare, fare, tip,
                distance, random.nextInt(1, 266), random.nextInt(1, 266), random.nextInt(1, 3),
                sparse ? null : random.nextDouble() < 0.9 ? 1 : random.nextInt(2, 6),
                sparse ? null : random.nextDouble() < 0.8 ? 1 : random.nextInt(2, 7),
                sparse ? null : random.nextDouble() < 0.65 ? 1 : random.nextInt(2, 5));
    }

    /** A generator of its own for each (seed, index), mixed so neighbouring seeds share nothing. */
    static SplittableRandom random(long seed, long index) {
        return new SplittableRandom(new SplittableRandom(seed).split().nextLong() ^ (index * 0x9E3779B97F4A7C15L));
    }

    /** The trip as the pipeline stores it once both halves are in. */
    public CompletedTrip completed() {
        return new CompletedTrip(pickupAt, dropoffAt, fare, tip, distance, null, code(vendor), code(paymentType));
    }

    private static String code(Integer code) {
        return code == null ? null : code.toString();
    }

    public LocalDate dropoffDate() {
        return LocalDate.ofInstant(dropoffAt, ZoneOffset.UTC);
    }

    /** The start event's fields, as a trip-start stream carries them. */
    public Map<String, Object> startFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("event_type", "trip_start");
        fields.put("trip_id", tripId);
        fields.put("pickup_location_id", pickupLocation);
        fields.put("dropoff_location_id", dropoffLocation);
        fields.put("vendor_id", vendor);
        fields.put("pickup_datetime", pickupAt.toString());
        fields.put("estimated_dropoff_datetime", estimatedDropoffAt.toString());
        fields.put("estimated_fare_amount", estimatedFare);
        return fields;
    }

    /** The end event's fields, as a trip-end stream carries them. */
    public Map<String, Object> endFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("event_type", "trip_end");
        fields.put("trip_id", tripId);
        fields.put("dropoff_datetime", dropoffAt.toString());
        fields.put("rate_code", rateCode);
        fields.put("passenger_count", passengers);
        fields.put("trip_distance", distance);
        fields.put("fare_amount", fare);
        fields.put("tip_amount", tip);
        fields.put("payment_type", paymentType);
        return fields;
    }

    private static BigDecimal decimal(double value, int scale) {
        return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP);
    }

    /** A standard normal draw (Box–Muller), from the trip's own generator so runs stay reproducible. */
    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
