package io.tripflow.trip.kpi;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KpiScheduleTest {

    private static final Clock JUST_AFTER_MIDNIGHT_UTC =
            Clock.fixed(Instant.parse("2024-05-27T00:05:00Z"), ZoneId.of("America/Los_Angeles"));

    @Test
    void aScheduledRunRecomputesTheLookbackWindowOfCompleteUtcDatesWhateverTheLocalZone() {
        KpiSchedule schedule = new KpiSchedule(JUST_AFTER_MIDNIGHT_UTC, "x/{yyyy}{MM}{dd}", 2);
        assertEquals(List.of(LocalDate.of(2024, 5, 25), LocalDate.of(2024, 5, 26)), schedule.datesToCompute(List.of()));
    }

    @Test
    void datesWhoseLastRunFailedAreRetriedOnceAndInOrder() {
        KpiSchedule schedule = new KpiSchedule(JUST_AFTER_MIDNIGHT_UTC, "x/{yyyy}{MM}{dd}", 1);
        assertEquals(List.of(LocalDate.of(2024, 5, 1), LocalDate.of(2024, 5, 26)),
                schedule.datesToCompute(List.of(LocalDate.of(2024, 5, 26), LocalDate.of(2024, 5, 1))));
    }

    @Test
    void objectKeysFillTheTemplateWithZeroPaddedPartsAndOpenTripsSitNextToTheKpis() {
        KpiSchedule schedule = new KpiSchedule(Clock.systemUTC(), "kpi-results/{yyyy}/{MM}/{dd}/kpi.json", 2);
        assertEquals("kpi-results/2024/05/06/kpi.json", schedule.objectKey(LocalDate.of(2024, 5, 6)));
        assertEquals("kpi-results/2024/05/06/open-trips.json", schedule.openTripsKey(LocalDate.of(2024, 5, 6)));
    }

    @Test
    void kpiFilesAreFoundByListingTheTemplatesPrefixAndReadBackToTheirDate() {
        KpiSchedule schedule = new KpiSchedule(Clock.systemUTC(), "kpi-results/{yyyy}/{MM}/{dd}/kpi.json", 2);
        assertEquals("kpi-results/", schedule.listPrefix());
        assertEquals(Optional.of(LocalDate.of(2024, 5, 6)), schedule.dateOf("kpi-results/2024/05/06/kpi.json"));
        assertEquals(Optional.empty(), schedule.dateOf("kpi-results/2024/05/06/open-trips.json"));
        assertEquals(Optional.empty(), schedule.dateOf("kpi-results/daily_trip_kpis.csv"));
        assertEquals(Optional.empty(), schedule.dateOf("kpi-results/2024/02/30/kpi.json"), "not a date");
        assertEquals(Optional.empty(), schedule.dateOf("kpi-results/2024/5/6/kpi.json"));
    }

    @Test
    void aHiveStyleTemplateGivesOnePartitionPerDate() {
        KpiSchedule schedule = new KpiSchedule(Clock.systemUTC(), "kpi_output/date={yyyy}-{MM}-{dd}/kpi.json", 2);
        LocalDate date = LocalDate.of(2024, 5, 25);
        assertEquals("kpi_output/date=2024-05-25/kpi.json", schedule.objectKey(date));
        assertEquals("kpi_output/date=2024-05-25/open-trips.json", schedule.openTripsKey(date));
        assertEquals("kpi_output/date=", schedule.listPrefix());
        assertEquals(Optional.of(date), schedule.dateOf(schedule.objectKey(date)));
        assertEquals(Optional.empty(), schedule.dateOf("kpi_output/date=2024-05-25/open-trips.json"));
    }
}
