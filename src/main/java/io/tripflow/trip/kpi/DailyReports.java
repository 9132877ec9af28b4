package io.tripflow.trip.kpi;

import java.time.LocalDate;

/** Computes a date's {@link DailyReport}: its KPIs and its open trips. */
public class DailyReports {

    private final DailyKpiCalculator kpis;
    private final OpenTripsFinder openTrips;

    public DailyReports(DailyKpiCalculator kpis, OpenTripsFinder openTrips) {
        this.kpis = kpis;
        this.openTrips = openTrips;
    }

    public DailyReport compute(LocalDate date) throws InterruptedException {
        return new DailyReport(kpis.compute(date), openTrips.find(date));
    }
}
