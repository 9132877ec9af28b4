package io.tripflow.cli;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;

import io.tripflow.TripflowApplication;
import io.tripflow.engine.RouteVariables;
import org.apache.camel.CamelContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "kpi", description = "Compute one UTC date's KPIs now and write them to S3 (overwrites that date's file).")
public class KpiCommand implements Callable<Integer> {

    @Option(names = "--date", required = true, description = "the UTC date, YYYY-MM-DD")
    LocalDate date;

    @Override
    public Integer call() throws Exception {
        String kpi = TripflowApplication.runOnce(TripflowApplication.Mode.KPI, camel -> writeKpi(camel, date));
        System.out.println(kpi);
        return 0;
    }

    /**
     * Runs the daily-kpi route for one date and writes its files even if the figures did not change
     * (a recompute on request); returns the KPI document that was written.
     */
    static String writeKpi(CamelContext camel, LocalDate date) {
        String kpi = camel.createProducerTemplate().requestBodyAndHeaders("direct:daily-kpi", null,
                Map.of(RouteVariables.KPI_DATE, date, RouteVariables.KPI_FORCE, true), String.class);
        return kpi != null ? kpi : "KPIs for " + date + " are being computed by another instance right now; try again when it is done";
    }
}
