package io.tripflow.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * cloudformation/tripflow.yaml as plain maps, lists and strings, with CloudFormation's intrinsic
 * functions (short {@code !Ref} form or long {@code Fn::} form) kept as {@link Intrinsic} values.
 */
record CloudFormationTemplate(Map<String, Object> root) {

    static final Path FILE = Path.of("cloudformation", "tripflow.yaml");

    /** An intrinsic function call: name without the Fn:: prefix (Ref, GetAtt, Sub, If, ...). */
    record Intrinsic(String function, Object argument) {
    }

    private static final Set<String> LONG_FORMS = Set.of("Ref", "Condition", "Fn::GetAtt", "Fn::Sub", "Fn::If", "Fn::Equals",
            "Fn::Not", "Fn::And", "Fn::Or", "Fn::Join", "Fn::Select", "Fn::Split", "Fn::GetAZs", "Fn::ImportValue", "Fn::FindInMap",
            "Fn::Base64", "Fn::Cidr");

    static CloudFormationTemplate load() throws IOException {
        Node node = new Compose(LoadSettings.builder().build()).composeString(Files.readString(FILE)).orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) convert(node);
        return new CloudFormationTemplate(root);
    }

    private static Object convert(Node node) {
        Object value = switch (node) {
            case ScalarNode scalar -> scalar.getValue();
            case SequenceNode sequence -> {
                List<Object> list = new ArrayList<>();
                sequence.getValue().forEach(item -> list.add(convert(item)));
                yield list;
            }
            case MappingNode mapping -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (NodeTuple tuple : mapping.getValue()) {
                    map.put(((ScalarNode) tuple.getKeyNode()).getValue(), convert(tuple.getValueNode()));
                }
                if (map.size() == 1 && LONG_FORMS.contains(map.keySet().iterator().next())) {
                    String name = map.keySet().iterator().next();
                    yield new Intrinsic(name.replace("Fn::", ""), map.get(name));
                }
                yield map;
            }
            default -> throw new IllegalArgumentException("unexpected YAML node " + node);
        };
        String tag = node.getTag().getValue();
        return tag.startsWith("!") ? new Intrinsic(tag.substring(1), value) : value;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> section(String name) {
        return (Map<String, Object>) root.getOrDefault(name, Map.of());
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> resource(String logicalId) {
        return (Map<String, Object>) section("Resources").get(logicalId);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
    }

    /** Every intrinsic function call anywhere below this value, outermost first. */
    static void forEachIntrinsic(Object value, Consumer<Intrinsic> visitor) {
        switch (value) {
            case Intrinsic intrinsic -> {
                visitor.accept(intrinsic);
                forEachIntrinsic(intrinsic.argument(), visitor);
            }
            case Map<?, ?> map -> map.values().forEach(v -> forEachIntrinsic(v, visitor));
            case List<?> list -> list.forEach(v -> forEachIntrinsic(v, visitor));
            default -> {
            }
        }
    }

    String parameterDefault(String parameter) {
        @SuppressWarnings("unchecked")
        Map<String, Object> definition = (Map<String, Object>) section("Parameters").get(parameter);
        return definition == null ? null : String.valueOf(definition.get("Default"));
    }
}
