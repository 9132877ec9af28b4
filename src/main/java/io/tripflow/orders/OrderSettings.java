package io.tripflow.orders;

import io.tripflow.engine.CheckedSettings;
import io.tripflow.intake.FileIntake;

/**
 * The orders line's settings (tripflow.orders.*): where its files are dropped in the files bucket and
 * go, its tables, and when its KPIs are recomputed.
 *
 * @param kpiDebounceSeconds a date touched by a file is recomputed once no row has touched it for this long
 * @param orphanAfterMinutes an item still without its order or product this long after it arrived is an orphan
 */
public record OrderSettings(
        boolean enabled,
        FileIntake.Prefixes prefixes,
        String stateTable,
        String orderKpisTable,
        String categoryKpisTable,
        String kpiRunsTable,
        int maxAttempts,
        int kpiDebounceSeconds,
        String kpiCron,
        int orphanAfterMinutes,
        String orphansPrefix) {

    public static OrderSettings load(CheckedSettings r) {
        OrderSettings settings = new OrderSettings(
                r.bool("tripflow.orders.enabled"),
                new FileIntake.Prefixes(
                        r.keyPrefix("tripflow.orders.incoming-prefix"),
                        r.keyPrefix("tripflow.orders.processed-prefix"),
                        r.keyPrefix("tripflow.orders.rejected-prefix"),
                        r.keyPrefix("tripflow.orders.failed-prefix"),
                        r.keyPrefix("tripflow.orders.reports-prefix")),
                r.name("tripflow.orders.state-table"),
                r.name("tripflow.orders.order-kpis-table"),
                r.name("tripflow.orders.category-kpis-table"),
                r.name("tripflow.orders.kpi-runs-table"),
                r.intInRange("tripflow.orders.max-attempts", 1, 100, "a number of attempts from 1 to 100"),
                r.nonNegativeInt("tripflow.orders.kpi-debounce-seconds"),
                r.cron("tripflow.orders.kpi-cron"),
                r.nonNegativeInt("tripflow.orders.orphan-after-minutes"),
                r.keyPrefix("tripflow.orders.orphans-prefix"));
        r.positiveInt("tripflow.orders.kpi-poll-ms");
        return settings;
    }
}
