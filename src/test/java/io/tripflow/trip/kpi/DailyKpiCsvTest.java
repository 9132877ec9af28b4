package io.tripflow.trip.kpi;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DailyKpiCsvTest {

    /** The KPI files are written by Jackson, as the daily-kpi route's json marshal does. */
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRowHoldsTheKpiFilesFiguresAsWrittenInTheHeadersOrder() throws Exception {
        DailyKpi.Accumulator day = new DailyKpi.Accumulator(DailyKpiTest.RULES);
        day.add(DailyKpiTest.trip("20.10", "5", "4", 10, "1", "1"));
        day.add(DailyKpiTest.trip("60", null, null, 40, "2", null));
        String json = JSON.writeValueAsString(day.result(LocalDate.of(2024, 5, 25), Instant.parse("2024-05-26T00:05:00Z")).toJson());

        assertEquals("date,count_trips,total_fare,average_fare,min_fare,max_fare,total_tips,total_distance,average_distance,"
                + "revenue_per_distance,average_duration_minutes,high_value_trips,short_trips,medium_trips,long_trips,by_vendor,by_payment_type\n",
                DailyKpiCsv.header());
        assertEquals("2024-05-25,2,80.10,40.05,20.10,60.00,5.00,4.00,4.00,5.03,25.00,1,0,1,1,1=1/20.10;2=1/60.00,1=1/20.10;unknown=1/60.00\n",
                DailyKpiCsv.row(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))), "trailing zeros kept: the file's text, not a double");
    }

    @Test
    void aDateWithoutTripsHasEmptyCellsForItsNullFigures() throws Exception {
        String json = JSON.writeValueAsString(new DailyKpi.Accumulator(DailyKpiTest.RULES)
                .result(LocalDate.of(2001, 1, 1), Instant.parse("2024-05-26T00:05:00Z")).toJson());
        assertEquals("2001-01-01,0,,,,,,,,,,0,0,0,0,,\n", DailyKpiCsv.row(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))));
    }
}
