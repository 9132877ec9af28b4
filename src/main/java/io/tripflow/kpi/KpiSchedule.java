package io.tripflow.kpi;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TreeSet;

/** Which dates a KPI run is for, and where their documents go. */
public class KpiSchedule {

    private static final String OPEN_TRIPS_FILE = "open-trips.json";

    private final Clock clock;
    private final String keyTemplate;
    private final int lookbackDays;

    public KpiSchedule(Clock clock, String keyTemplate, int lookbackDays) {
        this.clock = clock;
        this.keyTemplate = keyTemplate;
        this.lookbackDays = lookbackDays;
    }

    /**
     * The dates a scheduled run recomputes: the last {@code lookbackDays} complete UTC dates (so
     * that late trip ends are reflected), plus every date whose last run failed.
     */
    public List<LocalDate> datesToCompute(List<LocalDate> failedDates) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        TreeSet<LocalDate> dates = new TreeSet<>(failedDates);
        for (int daysBack = 1; daysBack <= lookbackDays; daysBack++) {
            dates.add(today.minusDays(daysBack));
        }
        return List.copyOf(dates);
    }

    public String objectKey(LocalDate date) {
        return keyTemplate
                .replace("{yyyy}", String.format("%04d", date.getYear()))
                .replace("{MM}", String.format("%02d", date.getMonthValue()))
                .replace("{dd}", String.format("%02d", date.getDayOfMonth()));
    }

    /** open-trips.json next to the KPI file (in the same folder). */
    public String openTripsKey(LocalDate date) {
        String kpiKey = objectKey(date);
        return kpiKey.substring(0, kpiKey.lastIndexOf('/') + 1) + OPEN_TRIPS_FILE;
    }
}
