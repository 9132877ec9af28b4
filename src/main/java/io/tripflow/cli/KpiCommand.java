package io.tripflow.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;

import io.tripflow.TripflowApplication;
import org.apache.camel.CamelContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "kpi", description = "Compute one UTC date's KPIs now and write them to S3 (overwrites that date's file).")
public class KpiCommand implements Callable<Integer> {

    @Option(names = "--date", required = true, description = "the UTC date, YYYY-MM-DD")
    LocalDate date;

    @Override
    public Integer call() throws Exception {
        String kpi = TripflowApplication.runOnce(camel -> writeKpi(camel, date), TripflowApplication.KPI_ROUTES_ONLY);
        System.out.println(kpi);
        return 0;
    }

    /** Runs the daily-kpi route for one date; returns the KPI document that was written. */
    static String writeKpi(CamelContext camel, LocalDate date) {
        return camel.createProducerTemplate()
                .requestBodyAndHeader("direct:daily-kpi", null, "TripflowKpiDate", date, String.class);
    }
}
