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
        assertTrue(checkWithout(TripflowApplication.Mode.REDRIVE, "errors-to-caller.yaml").contains("names route configuration errors-to-caller"));
    }

    @Test
    void aModeThatLosesARouteItSendsToFailsTheCheck() throws Exception {
        assertTrue(checkWithout(TripflowApplication.Mode.KPI, "write-json-to-s3.yaml")
                .contains("route write-daily-kpi-files sends to direct:write-json-to-s3, which no loaded route consumes"));
    }

    /** The check's complaint about a mode's files without this one (it fails the test when there is none). */
    private static String checkWithout(TripflowApplication.Mode mode, String file) throws Exception {
        List<String> files = new ArrayList<>(mode.routeFiles());
        assertTrue(files.remove(file));
        var context = loaded(files(files));
        return assertThrows(IllegalStateException.class, () -> new RouteLinksCheck().onCamelContextStarting(context, false)).getMessage();
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
