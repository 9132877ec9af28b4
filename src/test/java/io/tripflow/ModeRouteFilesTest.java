package io.tripflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.tripflow.config.RouteLinksCheck;
import io.tripflow.localstack.TestStack;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each mode's route files hold together: every route configuration named and every direct: endpoint sent to is loaded. */
class ModeRouteFilesTest {

    private static final Path ROUTES = Path.of("routes");

    @Test
    void everyModeLoadsTheRouteConfigurationsItsRoutesName() throws Exception {
        for (TripflowApplication.Mode mode : TripflowApplication.Mode.values()) {
            new RouteLinksCheck().onCamelContextStarting(loaded(files(mode.routeFiles())), false);
        }
    }

    @Test
    void aModeThatLosesAConfigurationItNamesFailsTheCheck() throws Exception {
        List<String> withoutErrorsToCaller = new ArrayList<>(TripflowApplication.Mode.REDRIVE.routeFiles());
        assertTrue(withoutErrorsToCaller.remove("errors-to-caller.yaml"));
        var context = loaded(files(withoutErrorsToCaller));
        var missing = assertThrows(IllegalStateException.class, () -> new RouteLinksCheck().onCamelContextStarting(context, false));
        assertTrue(missing.getMessage().contains("names route configuration errors-to-caller"), missing.getMessage());
    }

    @Test
    void aModeThatLosesARouteItSendsToFailsTheCheck() throws Exception {
        List<String> withoutWriter = new ArrayList<>(TripflowApplication.Mode.KPI.routeFiles());
        assertTrue(withoutWriter.remove("write-json-to-s3.yaml"));
        var context = loaded(files(withoutWriter));
        var missing = assertThrows(IllegalStateException.class, () -> new RouteLinksCheck().onCamelContextStarting(context, false));
        assertTrue(missing.getMessage().contains("route write-daily-kpi-files sends to direct:write-json-to-s3, which no loaded route consumes"),
                missing.getMessage());
    }

    /** The files a mode's patterns name ("*.yaml" is every file). */
    private static List<Path> files(List<String> patterns) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String pattern : patterns) {
            try (Stream<Path> all = Files.list(ROUTES)) {
                all.filter(f -> f.getFileSystem().getPathMatcher("glob:" + pattern).matches(f.getFileName())).sorted().forEach(files::add);
            }
        }
        return files;
    }

    /** The files' routes, loaded into a context that is not started (no AWS needed). */
    private static DefaultCamelContext loaded(List<Path> files) throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().setInitialProperties(TestStack.applicationProperties());
        List<Resource> resources = new ArrayList<>();
        for (Path file : files) {
            resources.add(ResourceHelper.resolveMandatoryResource(context, "file:" + file.toAbsolutePath()));
        }
        PluginHelper.getRoutesLoader(context).loadRoutes(resources);
        return context;
    }
}
