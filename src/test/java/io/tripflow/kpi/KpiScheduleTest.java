package io.tripflow.kpi;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KpiScheduleTest {

    @Test
    void theRunAfterMidnightUtcReportsTheDayThatEndedWhateverTheLocalZone() {
        Clock justAfterMidnightUtc = Clock.fixed(Instant.parse("2024-05-27T00:05:00Z"), ZoneId.of("America/Los_Angeles"));
        assertEquals(LocalDate.of(2024, 5, 26), new KpiSchedule(justAfterMidnightUtc, "x/{yyyy}{MM}{dd}").previousUtcDate());
    }

    @Test
    void objectKeysFillTheTemplateWithZeroPaddedParts() {
        KpiSchedule schedule = new KpiSchedule(Clock.systemUTC(), "kpi-results/{yyyy}/{MM}/{dd}/kpi.json");
        assertEquals("kpi-results/2024/05/06/kpi.json", schedule.objectKey(LocalDate.of(2024, 5, 6)));
    }
}
