package io.tripflow.engine;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RouteVariablesTest {

    private static final Pattern TRIPFLOW_NAME = Pattern.compile("\\bTripflow[A-Z][A-Za-z]*");

    @Test
    void theRoutesUseExactlyTheHeadersAndPropertiesNamedInRouteVariables() throws IOException {
        Set<String> defined = Arrays.stream(RouteVariables.class.getDeclaredFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
                .map(field -> {
                    try {
                        return (String) field.get(null);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> used = new TreeSet<>();
        try (Stream<Path> routes = Files.list(Path.of("routes"))) {
            for (Path route : routes.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                Matcher names = TRIPFLOW_NAME.matcher(Files.readString(route));
                while (names.find()) {
                    used.add(names.group());
                }
            }
        }
        assertEquals(defined, used);
    }
}
