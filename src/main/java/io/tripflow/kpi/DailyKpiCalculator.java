package io.tripflow.kpi;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import io.tripflow.trip.EventTimestamps;
import io.tripflow.trip.TripTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Computes one date's KPIs from the completed-trips index. */
public class DailyKpiCalculator {

    private final DateBuckets completedTrips;
    private final Clock clock;

    public DailyKpiCalculator(DateBuckets completedTrips, Clock clock) {
        this.completedTrips = completedTrips;
        this.clock = clock;
    }

    public DailyKpi compute(LocalDate date) throws InterruptedException {
        return completedTrips.fold(date, TripTable.COMPLETED_BY_DATE_INDEX, TripTable.DATE_BUCKET,
                DailyKpi.Accumulator::new,
                (accumulator, trip) -> accumulator.add(number(trip, TripTable.FARE_AMOUNT), number(trip, TripTable.TIP_AMOUNT),
                        number(trip, TripTable.TRIP_DISTANCE), durationSeconds(trip)),
                DailyKpi.Accumulator::merge)
                .result(date, clock.instant());
    }

    private static BigDecimal number(Map<String, AttributeValue> trip, String attribute) {
        AttributeValue value = trip.get(attribute);
        return value == null || value.n() == null ? null : new BigDecimal(value.n());
    }

    private static Long durationSeconds(Map<String, AttributeValue> trip) {
        AttributeValue pickup = trip.get(TripTable.PICKUP_DATETIME);
        AttributeValue dropoff = trip.get(TripTable.DROPOFF_DATETIME);
        if (pickup == null || dropoff == null) {
            return null;
        }
        return Duration.between(storedTime(pickup), storedTime(dropoff)).toSeconds();
    }

    /** The item's times are Instant.toString() forms, which EventTimestamps reads on its fast path. */
    private static Instant storedTime(AttributeValue time) {
        return EventTimestamps.parse(time.s()).orElseThrow(() -> new IllegalStateException("stored time " + time.s() + " is unreadable"));
    }
}
