package io.tripflow.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.model.Model;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SendDefinition;

/**
 * Fails the start when the loaded route files do not hold together: a route names a route
 * configuration that no loaded file defines, or sends to a {@code direct:} endpoint that no loaded
 * route consumes. Camel ignores the first without a word (the route then runs on its default error
 * handler: that is how {@code tripflow redrive} once ran the shared trip steps without
 * {@code errors-to-caller}), and finds the second only when the first message is sent.
 */
public final class RouteLinksCheck implements StartupListener {

    @Override
    public void onCamelContextStarting(CamelContext camel, boolean alreadyStarted) {
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        Set<String> configurations = model.getRouteConfigurationDefinitions().stream().map(RouteConfigurationDefinition::getId)
                .collect(Collectors.toSet());
        Set<String> consumed = model.getRouteDefinitions().stream().map(route -> directName(route, route.getInput().getEndpointUri()))
                .filter(name -> name != null).collect(Collectors.toSet());
        List<String> broken = new ArrayList<>();
        for (RouteDefinition route : model.getRouteDefinitions()) {
            if (route.getRouteConfigurationId() != null) {
                Stream.of(resolved(route, route.getRouteConfigurationId()).split(",")).map(String::trim).filter(id -> !configurations.contains(id))
                        .forEach(id -> broken.add("route " + route.getRouteId() + " names route configuration " + id
                                + ", which no loaded route file defines (loaded: " + configurations + ")"));
            }
            sentTo(route.getOutputs()).stream().map(uri -> directName(route, uri)).filter(name -> name != null && !consumed.contains(name))
                    .distinct().forEach(name -> broken.add("route " + route.getRouteId() + " sends to direct:" + name
                            + ", which no loaded route consumes"));
        }
        if (!broken.isEmpty()) {
            throw new IllegalStateException(String.join("; ", broken));
        }
    }

    /** Every endpoint the steps send to, however deeply nested (in a choice, a split, a filter). */
    private static List<String> sentTo(List<ProcessorDefinition<?>> steps) {
        List<String> uris = new ArrayList<>();
        for (ProcessorDefinition<?> step : steps) {
            if (step instanceof SendDefinition<?> send && send.getEndpointUri() != null) {
                uris.add(send.getEndpointUri());
            }
            uris.addAll(sentTo(step.getOutputs()));
        }
        return uris;
    }

    /** The name of a fixed direct: endpoint; null for any other, or one a property or an expression names. */
    private static String directName(RouteDefinition route, String uri) {
        uri = uri == null ? null : resolved(route, uri);
        if (uri == null || !uri.startsWith("direct:") || uri.contains("{{") || uri.contains("${")) {
            return null;
        }
        String name = uri.substring("direct:".length());
        int query = name.indexOf('?');
        return query < 0 ? name : name.substring(0, query);
    }

    /** A templated route's text with the template's parameters put in ({{input}}, {{errors}}). */
    private static String resolved(RouteDefinition route, String text) {
        String resolved = text;
        if (route.getTemplateParameters() != null) {
            for (Map.Entry<String, Object> parameter : route.getTemplateParameters().entrySet()) {
                resolved = resolved.replace("{{" + parameter.getKey() + "}}", String.valueOf(parameter.getValue()));
            }
        }
        return resolved;
    }

    @Override
    public void onCamelContextStarted(CamelContext camel, boolean alreadyStarted) {
        // checked before the routes start
    }
}
