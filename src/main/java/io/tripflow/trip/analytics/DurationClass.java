package io.tripflow.trip.analytics;

import java.util.Locale;

/** How long a completed trip took, by {@link AnalyticsRules}' thresholds. */
public enum DurationClass {
    SHORT, MEDIUM, LONG;

    /** The name written to tables and KPI files: short, medium, long. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
