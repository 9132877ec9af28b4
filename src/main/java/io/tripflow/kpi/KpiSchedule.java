package io.tripflow.kpi;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Which date a KPI run is for, and where its document goes. */
public class KpiSchedule {

    private final Clock clock;
    private final String keyTemplate;

    public KpiSchedule(Clock clock, String keyTemplate) {
        this.clock = clock;
        this.keyTemplate = keyTemplate;
    }

    /** The scheduled run just after midnight UTC reports the day that has just ended. */
    public LocalDate previousUtcDate() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1);
    }

    public String objectKey(LocalDate date) {
        return keyTemplate
                .replace("{yyyy}", String.format("%04d", date.getYear()))
                .replace("{MM}", String.format("%02d", date.getMonthValue()))
                .replace("{dd}", String.format("%02d", date.getDayOfMonth()));
    }
}
