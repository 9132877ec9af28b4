package io.tripflow.config;

import java.util.HashMap;
import java.util.Map;

import io.tripflow.localstack.TestStack;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TripflowSettingsTest {

    @Test
    void theShippedDefaultsAreValid() {
        TripflowSettings settings = TestStack.settings(Map.of());
        assertEquals("tripflow-trips", settings.tripsTable());
        assertEquals(16, settings.dateBuckets());
        assertEquals("TRIM_HORIZON", settings.kcl().initialPosition());
    }

    @Test
    void everyInvalidSettingIsReportedWithItsEnvironmentVariable() {
        Map<String, String> bad = new HashMap<>();
        bad.put("tripflow.trips.date-buckets", "zero");
        bad.put("tripflow.kpi.cron", "every day");
        bad.put("tripflow.kcl.initial-position", "START");
        bad.put("tripflow.dead-letter.queue", "has space");
        bad.put("tripflow.routes-dir", "/no/such/dir");
        bad.put("tripflow.management.port", "99999");
        bad.put("tripflow.analytics.high-value-above", "-1");
        bad.put("tripflow.analytics.long-from-minutes", "5");
        bad.put("tripflow.kpi.csv-key", "kpi-results/");
        bad.put("tripflow.numbers.max-integer-digits", "20");
        bad.put("tripflow.numbers.max-fraction-digits", "19");
        var error = assertThrows(TripflowSettings.InvalidSettingsException.class, () -> TestStack.settings(bad));
        String message = error.getMessage();
        for (String expected : new String[] {"TRIPFLOW_TRIPS_DATE_BUCKETS", "TRIPFLOW_KPI_CRON", "TRIPFLOW_KCL_INITIAL_POSITION",
                "TRIPFLOW_DEAD_LETTER_QUEUE", "TRIPFLOW_ROUTES_DIR", "TRIPFLOW_MANAGEMENT_PORT", "TRIPFLOW_ANALYTICS_HIGH_VALUE_ABOVE",
                "TRIPFLOW_ANALYTICS_LONG_FROM_MINUTES) (5) is below tripflow.analytics.short-below-minutes (10)",
                "TRIPFLOW_KPI_CSV_KEY", "TRIPFLOW_NUMBERS_MAX_FRACTION_DIGITS) (19) and tripflow.numbers.max-integer-digits (20) add up to more"}) {
            assertTrue(message.contains(expected), expected + " missing from: " + message);
        }
    }

    @Test
    void consumingNothingIsAConfigurationErrorButTakingInOnlyTripOrOrderFilesIsNot() {
        Map<String, String> noStream = Map.of("tripflow.streams.per-half.enabled", "false", "tripflow.streams.trip-events.enabled", "false");
        TestStack.settings(noStream).requireSomethingToConsume();
        Map<String, String> onlyOrders = new HashMap<>(noStream);
        onlyOrders.put("tripflow.files.enabled", "false");
        TestStack.settings(onlyOrders).requireSomethingToConsume();
        Map<String, String> nothing = new HashMap<>(onlyOrders);
        nothing.put("tripflow.orders.enabled", "false");
        var error = assertThrows(TripflowSettings.InvalidSettingsException.class, TestStack.settings(nothing)::requireSomethingToConsume);
        assertTrue(error.getMessage().contains("nothing would be consumed"));
    }

    @Test
    void envVarNamesFollowCamelsMapping() {
        assertEquals("TRIPFLOW_KCL_MAX_IN_FLIGHT_PER_SHARD", TripflowSettings.envVarOf("tripflow.kcl.max-in-flight-per-shard"));
    }
}
