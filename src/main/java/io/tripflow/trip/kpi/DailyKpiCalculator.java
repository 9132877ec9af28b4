package io.tripflow.trip.kpi;

import java.time.Clock;
import java.time.LocalDate;

import io.tripflow.trip.TripTable;
import io.tripflow.trip.analytics.AnalyticsRules;
import io.tripflow.trip.analytics.CompletedTrip;

/** Computes one date's KPIs from the completed-trips index. */
public class DailyKpiCalculator {

    private final DateBuckets completedTrips;
    private final AnalyticsRules rules;
    private final Clock clock;

    public DailyKpiCalculator(DateBuckets completedTrips, AnalyticsRules rules, Clock clock) {
        this.completedTrips = completedTrips;
        this.rules = rules;
        this.clock = clock;
    }

    public DailyKpi compute(LocalDate date) throws InterruptedException {
        return completedTrips.fold(date, TripTable.COMPLETED_BY_DATE_INDEX, TripTable.DATE_BUCKET,
                () -> new DailyKpi.Accumulator(rules),
                (accumulator, trip) -> accumulator.add(CompletedTrip.fromItem(trip)),
                DailyKpi.Accumulator::merge)
                .result(date, clock.instant());
    }
}
