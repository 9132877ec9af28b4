package io.tripflow.trip.kpi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import io.tripflow.trip.TripTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Finds one date's stale half-trips in the open-trips index. */
public class OpenTripsFinder {

    private final DateBuckets openTrips;
    private final Duration staleAfter;
    private final int maxIds;
    private final Clock clock;

    public OpenTripsFinder(DateBuckets openTrips, Duration staleAfter, int maxIds, Clock clock) {
        this.openTrips = openTrips;
        this.staleAfter = staleAfter;
        this.maxIds = maxIds;
        this.clock = clock;
    }

    public OpenTrips find(LocalDate date) throws InterruptedException {
        Instant now = clock.instant();
        Instant staleBefore = now.minus(staleAfter);
        return openTrips.fold(date, TripTable.OPEN_BY_DATE_INDEX, TripTable.OPEN_DATE_BUCKET,
                () -> new OpenTrips.Accumulator(maxIds, staleBefore),
                (accumulator, trip) -> accumulator.add(trip.get(TripTable.TRIP_ID).s(),
                        timeOfHalf(trip, TripTable.START_VERSION, TripTable.PICKUP_DATETIME),
                        timeOfHalf(trip, TripTable.END_VERSION, TripTable.DROPOFF_DATETIME)),
                OpenTrips.Accumulator::merge)
                .result(date, staleAfter, now);
    }

    /** The half's time if that half is stored, else null. */
    private static Instant timeOfHalf(Map<String, AttributeValue> trip, String versionAttribute, String timeAttribute) {
        if (!trip.containsKey(versionAttribute)) {
            return null;
        }
        AttributeValue time = trip.get(timeAttribute);
        return time == null ? Instant.EPOCH : Instant.parse(time.s());
    }
}
