package io.tripflow;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.tripflow.config.TripflowBeans;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * tripflow as a Camel Main application: settings from application.properties and the environment,
 * beans from {@link TripflowBeans}, routes from the YAML files in the routes directory.
 */
public final class TripflowApplication {

    /** Only the KPI flow, for one-off runs that must not consume the streams. */
    public static final String KPI_ROUTES_ONLY = "daily-kpi.yaml";
    /**
     * The trip flows and the dead-letter route, with the stream consumers left stopped (the caller
     * sets both stream switches to false), for commands that feed records in themselves.
     */
    public static final String[] TRIP_FLOWS_ONLY = {"trip-start.yaml", "trip-end.yaml", "trip-events.yaml",
            "trip-store.yaml", "trip-event-errors.yaml", "dead-letter.yaml", "redrive.yaml"};
    /** Settings and AWS clients only, for commands that use no route. */
    public static final String NO_ROUTES = "";

    private final Main main = new Main();

    /**
     * @param overrides settings that win over the file and the environment (tests, CLI flags)
     * @param routeFiles the route files to load from the routes directory, or none for all
     */
    public TripflowApplication(Map<String, String> overrides, String... routeFiles) {
        List<String> files = routeFiles.length == 0 ? List.of("*.yaml") : List.of(routeFiles).stream().filter(f -> !f.isEmpty()).toList();
        main.configure().withRoutesCollectorEnabled(!files.isEmpty());
        if (routeFiles.length > 0) {
            // A one-off command (replay, kpi, create-resources) beside a running pipeline must not
            // take the pipeline's health and metrics port.
            main.addOverrideProperty("camel.management.enabled", "false");
        }
        // The routes directory is itself a setting, so the pattern is set once settings are known.
        main.configure().addConfiguration(new TripflowBeans(settings -> {
            if (routeFiles.length == 0) {
                settings.requireAStreamToConsume();
            }
            main.configure().withRoutesIncludePattern(files.stream()
                    .map(f -> "file:" + settings.routesDir().toAbsolutePath() + "/" + f).collect(Collectors.joining(",")));
        }));
        overrides.forEach(main::addOverrideProperty);
    }

    /** Runs until the JVM is asked to stop (SIGTERM, Ctrl-C), then shuts down gracefully. */
    public void runUntilStopped() throws Exception {
        main.run();
    }

    /** What a one-off command does with a started context. */
    @FunctionalInterface
    public interface Task<T> {
        T run(CamelContext camel) throws Exception;
    }

    /** Starts a context with these route files, runs the task, and stops the context again. */
    public static <T> T runOnce(Task<T> task, String... routeFiles) throws Exception {
        return runOnce(task, Map.of(), routeFiles);
    }

    /** @param overrides settings that win over the file and the environment */
    public static <T> T runOnce(Task<T> task, Map<String, String> overrides, String... routeFiles) throws Exception {
        TripflowApplication app = new TripflowApplication(overrides, routeFiles);
        try {
            return task.run(app.start());
        } finally {
            app.stop();
        }
    }

    public CamelContext start() throws Exception {
        main.start();
        return main.getCamelContext();
    }

    public void stop() {
        main.stop();
    }
}
