package io.tripflow.config;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteConfigurationDefinition;

/**
 * Fails the start when a route names a route configuration that no loaded route file defines. Camel
 * ignores such a name without a word, and the route then runs on its default error handler: that is
 * how {@code tripflow redrive} once ran the shared trip steps without {@code errors-to-caller}.
 */
public final class RouteConfigurationCheck implements StartupListener {

    @Override
    public void onCamelContextStarting(CamelContext camel, boolean alreadyStarted) {
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        Set<String> defined = model.getRouteConfigurationDefinitions().stream().map(RouteConfigurationDefinition::getId)
                .collect(Collectors.toSet());
        List<String> missing = model.getRouteDefinitions().stream()
                .filter(route -> route.getRouteConfigurationId() != null)
                .flatMap(route -> Stream.of(route.getRouteConfigurationId().split(",")).map(String::trim)
                        .filter(id -> !defined.contains(id)).map(id -> "route " + route.getRouteId() + " names route configuration " + id))
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(String.join("; ", missing) + ", which no loaded route file defines (loaded: " + defined + ")");
        }
    }

    @Override
    public void onCamelContextStarted(CamelContext camel, boolean alreadyStarted) {
        // checked before the routes start
    }
}
