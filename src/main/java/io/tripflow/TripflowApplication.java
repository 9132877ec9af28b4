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

    /** What a start of tripflow is for, and so which route files it loads. */
    public enum Mode {
        /** The pipeline ({@code tripflow run}): every route file, with the stream consumers. */
        PIPELINE(List.of("*.yaml")),
        /** The trip readers and the store without any stream consumer, for {@code tripflow redrive}. */
        REDRIVE(List.of("trip-halves.yaml", "trip-events.yaml", "trip-store.yaml", "trip-analytics.yaml", "trip-event-errors.yaml",
                "errors-to-caller.yaml", "redrive.yaml")),
        /** Only the KPI flow, for one-off runs that must not consume the streams. */
        KPI(List.of("daily-kpi.yaml", "kpi-run.yaml", "write-json-to-s3.yaml", "errors-to-caller.yaml")),
        /** Settings and AWS clients only, for commands that use no route. */
        NO_ROUTES(List.of());

        private final List<String> routeFiles;

        Mode(List<String> routeFiles) {
            this.routeFiles = routeFiles;
        }

        /** The route files of routes/ this mode loads (file name patterns); the route tests load the same. */
        public List<String> routeFiles() {
            return routeFiles;
        }

        /** One-off commands run beside a pipeline, whose health and metrics port they must not take. */
        boolean oneOff() {
            return this != PIPELINE;
        }
    }

    private final Main main = new Main();

    /** @param overrides settings that win over the file and the environment (tests, CLI flags) */
    public TripflowApplication(Map<String, String> overrides, Mode mode) {
        main.configure().withRoutesCollectorEnabled(!mode.routeFiles.isEmpty());
        if (mode.oneOff()) {
            main.addOverrideProperty("camel.management.enabled", "false");
        }
        // The routes directory is itself a setting, so the pattern is set once settings are known.
        main.configure().addConfiguration(new TripflowBeans(settings -> {
            if (mode == Mode.PIPELINE) {
                settings.requireSomethingToConsume();
            }
            main.configure().withRoutesIncludePattern(mode.routeFiles.stream()
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

    /** Starts a context in this mode, runs the task, and stops the context again. */
    public static <T> T runOnce(Mode mode, Task<T> task) throws Exception {
        return runOnce(mode, Map.of(), task);
    }

    /** @param overrides settings that win over the file and the environment */
    public static <T> T runOnce(Mode mode, Map<String, String> overrides, Task<T> task) throws Exception {
        TripflowApplication app = new TripflowApplication(overrides, mode);
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
