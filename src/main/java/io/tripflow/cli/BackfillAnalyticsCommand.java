package io.tripflow.cli;

import java.util.concurrent.Callable;

import io.tripflow.TripflowApplication;
import io.tripflow.trip.analytics.TripAnalyticsStore;
import picocli.CommandLine.Command;

@Command(name = "backfill-analytics",
        description = "Derive the analytics of every completed trip that has none yet, or stale ones (e.g. trips completed before an upgrade).")
public class BackfillAnalyticsCommand implements Callable<Integer> {

    private static final long REPORT_EVERY = 10_000;

    @Override
    public Integer call() throws Exception {
        long derived = TripflowApplication.runOnce(TripflowApplication.Mode.NO_ROUTES, camel -> camel.getRegistry()
                .findSingleByType(TripAnalyticsStore.class).backfill(n -> {
                    if (n % REPORT_EVERY == 0) {
                        System.out.println(n + " trips so far");
                    }
                }));
        System.out.println("Derived the analytics of " + derived + " trips");
        return 0;
    }
}
